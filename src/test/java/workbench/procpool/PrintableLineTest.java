package workbench.procpool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A worker's stderr line is forwarded without raw control characters: they are written as escapes. */
class PrintableLineTest {

    @Test
    void controlCharactersAreEscapedAndTextAndTabsKept() {
        assertEquals("a\tb\\x00\\x07\\x1b[31mred\\x0d", WorkerConnection.printable("a\tb\u0000\u0007\u001b[31mred\r"));
        assertEquals("\\u0085 é ✓", WorkerConnection.printable("\u0085 é ✓"));
        assertEquals("plain", WorkerConnection.printable("plain"));
    }
}
