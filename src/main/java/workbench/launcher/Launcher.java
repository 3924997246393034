package workbench.launcher;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's Main-Class. It is compiled for Java 8 (its own compiler execution in the pom), so that an older
 * {@code java} on the PATH loads it and prints one clear line instead of an {@code UnsupportedClassVersionError}
 * from the workbench's Java 21 classes; on Java 21+ it hands over to {@code workbench.Workbench.main}. It must use
 * nothing newer than Java 8, and names the workbench by reflection (javac for release 8 cannot read its classes).
 */
public final class Launcher {

    /** The oldest Java the workbench runs on. */
    static final int REQUIRED = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        String problem = problem(System.getProperty("java.specification.version"), System.getProperty("java.version"),
                System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
        try {
            Class.forName("workbench.Workbench").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The line to print when a Java of specification version {@code specVersion} ("1.8", "17", "21") cannot run
     * the workbench, or null when it can.
     */
    static String problem(String specVersion, String version, String home) {
        int feature = feature(specVersion);
        if (feature < 0 || feature >= REQUIRED) {  // what does not parse is left to the JVM to judge
            return null;
        }
        return "the concurrency workbench needs Java " + REQUIRED + " or newer; this java is " + version + " at "
                + home + "; put a JDK " + REQUIRED + "+ first on the PATH (or run it with that JDK's bin/java)";
    }

    /** 8 for "1.8", 17 for "17", 21 for "21.0.1"; -1 for what does not parse. */
    static int feature(String specVersion) {
        if (specVersion == null) {
            return -1;
        }
        String version = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 || end > 4 ? -1 : Integer.parseInt(version.substring(0, end));
    }
}
