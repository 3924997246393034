package workbench.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What a command threw, as the one line a user reads: a file problem names the file and says what is wrong with
 * it; the workbench's own {@link IOException}s already name their file (a corrupt results file, a notebook that is
 * not JSON). Anything else is a defect, said in one line with a pointer to {@code --debug}, which adds the stack.
 */
final class ErrorLine {

    private ErrorLine() {
    }

    /** {@code "workbench: "} and the description. */
    static String of(Throwable thrown) {
        return "workbench: " + describe(thrown);
    }

    /** What went wrong, in one line, naming the file where a file is the problem. */
    static String describe(Throwable thrown) {
        Throwable e = thrown instanceof UncheckedIOException unchecked ? unchecked.getCause() : thrown;
        String text = switch (e) {
            case NoSuchFileException missing -> "no such file or folder: " + missing.getFile();
            case AccessDeniedException denied -> "permission denied: " + denied.getFile();
            case NotDirectoryException file -> "not a folder: " + file.getFile();
            case FileAlreadyExistsException file -> file.getFile() + " exists already (and is not a folder)";
            case FileSystemException other -> other.getFile()
                    + (other.getOtherFile() == null ? "" : " -> " + other.getOtherFile())
                    + ": " + (other.getReason() == null ? other.getClass().getSimpleName() : other.getReason());
            case IOException io when io.getMessage() != null -> io.getMessage();
            case InterruptedException interrupted -> "interrupted";
            default -> e + " (a defect: --debug shows where)";
        };
        return firstLine(text);
    }

    /** A library's message may run over lines (Gson adds a link to its troubleshooting page): keep the first. */
    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").strip();
    }
}
