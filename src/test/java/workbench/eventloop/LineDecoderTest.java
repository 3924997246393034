package workbench.eventloop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class LineDecoderTest {

    private final List<String> lines = new ArrayList<>();

    private void feed(LineDecoder decoder, byte[] bytes) throws LineTooLongException {
        decoder.feed(bytes, 0, bytes.length, lines::add);
    }

    @Test
    void splitsLinesHoweverTheBytesArrive() throws LineTooLongException {
        LineDecoder decoder = new LineDecoder(16);
        feed(decoder, "PARAMS 1 5\nNUM".getBytes(UTF_8));
        assertEquals(List.of("PARAMS 1 5"), lines);
        feed(decoder, "BER\n\nREPORT Unsure\r\n".getBytes(UTF_8));
        assertEquals(List.of("PARAMS 1 5", "NUMBER", "", "REPORT Unsure"), lines);
        assertEquals(0, decoder.pendingBytes());
    }

    @Test
    void decodesACharacterSplitAcrossReads() throws LineTooLongException {
        byte[] bytes = "é€\n".getBytes(UTF_8);
        LineDecoder decoder = new LineDecoder(16);
        for (byte b : bytes) {
            feed(decoder, new byte[] {b});
        }
        assertEquals(List.of("é€"), lines);
    }

    @Test
    void acceptsALineOfExactlyTheLimitAndRejectsOneMore() throws LineTooLongException {
        LineDecoder decoder = new LineDecoder(4);
        feed(decoder, "abcd\n".getBytes(UTF_8));
        assertEquals(List.of("abcd"), lines);
        LineTooLongException tooLong = assertThrows(LineTooLongException.class,
                () -> feed(decoder, "ok\nabcde".getBytes(UTF_8)));
        assertEquals(4, tooLong.limit());
        assertEquals(List.of("abcd", "ok"), lines, "lines before the long one are delivered");
        assertThrows(LineTooLongException.class, () -> feed(decoder, "\n".getBytes(UTF_8)),
                "the stream cannot be resynchronised");
    }
}
