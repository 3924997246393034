package workbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JupyterJsonTest {

    /** What Python's json.dumps(value, sort_keys=True, indent=1, ensure_ascii=False) + "\n" writes. */
    private static final String JUPYTER_LAYOUT = """
            {
             "a": [],
             "b": {},
             "c": [
              1,
              -2,
              true,
              false,
              null,
              "x"
             ],
             "d": {
              "inner": "caf\u00e9 \\"quoted\\" back\\\\slash\\ttab\\nnewline\\u0001",
              "list": [
               {
                "k": 1.5
               }
              ]
             }
            }
            """;

    @Test
    void writesWhatJupyterWrites() {
        Object parsed = JupyterJson.parse(JUPYTER_LAYOUT);
        assertEquals(JUPYTER_LAYOUT, JupyterJson.write(parsed));
    }

    @Test
    void sortsKeysWhateverTheirOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zeta", 1L);
        map.put("alpha", List.of("é"));
        assertEquals("{\n \"alpha\": [\n  \"é\"\n ],\n \"zeta\": 1\n}\n", JupyterJson.write(map));
    }

    @Test
    void readsEscapesAndNumbers() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) JupyterJson.parse(
                "{\"s\": \"\\u00e9\\/\\n\", \"i\": 12, \"d\": 2.5e1, \"n\": null}");
        assertEquals("é/\n", map.get("s"));
        assertEquals(12L, map.get("i"));
        assertEquals(25.0, map.get("d"));
        assertEquals(null, map.get("n"));
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "{\"a\": 1} x", "\"unterminated", "tru",
                "{\"a\": 1, \"a\": 2}", "\"\\q\"")) {
            assertThrows(IllegalArgumentException.class, () -> JupyterJson.parse(bad), bad);
        }
    }
}
