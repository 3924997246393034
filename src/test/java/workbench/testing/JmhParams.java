package workbench.testing;

import java.util.List;

import org.openjdk.jmh.annotations.Param;

/** The values a benchmark's {@code @Param} field declares, for tests that check or run a benchmark's rows. */
public final class JmhParams {

    private JmhParams() {
    }

    /** The {@code @Param} values of the public field {@code field} of the JMH state class {@code state}. */
    public static List<String> of(Class<?> state, String field) {
        try {
            return List.of(state.getField(field).getAnnotation(Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new AssertionError(state.getName() + " has no @Param field " + field, e);
        }
    }
}
