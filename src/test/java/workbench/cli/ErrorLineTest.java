package workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every kind of file failure (the tests run as any user, so an unreadable file cannot always be made) is one line. */
class ErrorLineTest {

    @Test
    void everyFileProblemIsOneLineNamingTheFile() {
        String path = "/data/results/item52.json";
        for (Exception e : List.<Exception>of(new NoSuchFileException(path), new AccessDeniedException(path),
                new NotDirectoryException(path), new FileAlreadyExistsException(path),
                new FileSystemException(path, null, "Read-only file system"), new FileSystemException(path),
                new UncheckedIOException(new AccessDeniedException(path)),
                new IOException("cannot read " + path + ": Unterminated array at line 1\nSee https://example.org"))) {
            String line = ErrorLine.of(e);
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.contains(path), e + " -> " + line);
        }
    }

    @Test
    void aDefectIsOneLineThatKeepsTheExceptionsTypeAndMessage() {
        String line = ErrorLine.of(new IllegalStateException("the first line\nand a second"));
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.contains("IllegalStateException") && line.contains("the first line"), line);
    }
}
