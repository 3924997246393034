package workbench.parallel;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A strategy a benchmark's {@code @Param strategy} names: the CPU strategies ({@link Strategy}) and the Game of
 * Life's ({@code workbench.strategies.LifeStrategy}) are both enums of this kind, selected by {@link #named}.
 */
public interface Named {

    /** The name the benchmarks' {@code @Param strategy} and the recorded results give this constant. */
    String param();

    /**
     * The constant of {@code type} that {@code param} names.
     *
     * @throws IllegalArgumentException naming the known constants, when none has that name
     */
    static <E extends Enum<E> & Named> E named(Class<E> type, String what, String param) {
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (constant.param().equals(param)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("no " + what + " named '" + param + "'; the strategies are "
                + Arrays.stream(constants).map(Named::param).collect(Collectors.joining(", ")));
    }
}
