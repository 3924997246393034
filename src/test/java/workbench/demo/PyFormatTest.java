package workbench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyFormatTest {

    /** Expected values are what CPython 3.11 prints for {@code format(value, '.3')}. */
    @ParameterizedTest
    @CsvSource({
        "1.0123, 1.01",
        "1.0, 1.0",
        "1.005, 1.0",
        "0.1, 0.1",
        "10.04, 10.0",
        "123.4, 1.23e+02",
        "99.0, 99.0",
        "100.0, 1e+02",
        "1234.5, 1.23e+03",
        "12345.0, 1.23e+04",
        "0.00012345, 0.000123",
        "0.000012345, 1.23e-05",
        "9.999, 10.0",
        "999.9, 1e+03",
        "-2.5, -2.5"})
    void generalFormatMatchesPython(double value, String python) {
        assertEquals(python, PyFormat.general(value, 3));
    }

    @ParameterizedTest
    @CsvSource({"1.0, 1, 1e+00", "5.0, 1, 5e+00", "0.5, 1, 0.5", "15.0, 2, 1.5e+01", "0.0001, 3, 0.0001"})
    void otherPrecisionsMatchPython(double value, int precision, String python) {
        assertEquals(python, PyFormat.general(value, precision));
    }

    @Test
    void bytesReprMatchesPython() {
        // bytes([0, 9, 10, 13, 39, 92, 65, 127, 128, 255]) -> b"\x00\t\n\r'\\A\x7f\x80\xff" in CPython
        byte[] data = {0, 9, 10, 13, 39, 92, 65, 127, (byte) 128, (byte) 255};
        assertEquals("b\"\\x00\\t\\n\\r'\\\\A\\x7f\\x80\\xff\"", PyFormat.bytesRepr(data));
        assertEquals("b'a\\'\"'", PyFormat.bytesRepr(new byte[] {'a', '\'', '"'}));
        assertEquals("b''", PyFormat.bytesRepr(new byte[0]));
    }

    @Test
    void tailIsPythonsNegativeSlice() {
        assertEquals(3, PyFormat.tail(new byte[] {1, 2, 3, 4, 5}, 3)[0]);
        assertEquals(2, PyFormat.tail(new byte[] {1, 2}, 10).length);
    }
}
