package workbench.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One way an item compares (sequential, threads, GIL threads, a process pool, ...): implemented by the enum of
 * those ways, so that the constant is its identity and every other name is derived here, once per audience.
 * <ul>
 * <li>{@link #param()}: the JMH {@code @Param strategy} string and the recorded results' name; the constant's name
 * unless the enum overrides it (the Game of Life's camelCase params, {@link #camelCase}).
 * <li>{@link #slug()}: the CLI's and the files' name, the constant in lower-kebab case ({@code GIL_THREADS} is
 * {@code gil-threads}).
 * </ul>
 * {@link #byParam} and {@link #bySlug} find a constant again, or say which names exist.
 */
public interface Way {

    /** The enum constant's name (implemented by {@link Enum#name()}). */
    String name();

    /** The JMH {@code @Param} string and the recorded results' name: {@link #name()} unless overridden. */
    default String param() {
        return name();
    }

    /** The CLI's and the files' name: {@link #name()} in lower-kebab case. */
    default String slug() {
        return kebabCase(name());
    }

    /** {@code GIL_THREADS} as {@code gil-threads}. */
    static String kebabCase(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code THREAD_PER_CELL} as {@code threadPerCell}: the form of the Game of Life benchmarks' params. */
    static String camelCase(String constant) {
        String[] words = constant.toLowerCase(Locale.ROOT).split("_");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return camel.toString();
    }

    /**
     * The constant of {@code type} whose {@link #param()} is {@code param}.
     *
     * @throws IllegalArgumentException naming the known params, when none matches
     */
    static <W extends Enum<W> & Way> W byParam(Class<W> type, String param) {
        return find(type, Way::param, param, "param");
    }

    /**
     * The constant of {@code type} whose {@link #slug()} is {@code slug}.
     *
     * @throws IllegalArgumentException naming the known slugs, when none matches
     */
    static <W extends Enum<W> & Way> W bySlug(Class<W> type, String slug) {
        return find(type, Way::slug, slug, "name");
    }

    private static <W extends Enum<W> & Way> W find(Class<W> type, Function<Way, String> naming, String name,
            String what) {
        W[] constants = type.getEnumConstants();
        for (W constant : constants) {
            if (naming.apply(constant).equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " with the " + what + " '" + name
                + "'; the known ones are " + Arrays.stream(constants).map(naming).collect(Collectors.joining(", ")));
    }
}
