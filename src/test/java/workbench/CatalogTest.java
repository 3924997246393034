package workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void everyItemOfTheChapterIsListedOnceInOrderWithBothNumbers() {
        List<Integer> numbers = Catalog.items().stream().map(Catalog.Item::number).toList();
        assertEquals(IntStream.rangeClosed(52, 64).boxed().toList(), numbers);
        for (Catalog.Item item : Catalog.items()) {
            assertEquals(item.number() + 15, item.thirdEdition(), item.label());
            assertEquals(item, Catalog.require(item.number()));
            assertEquals(item, Catalog.require(item.thirdEdition()));
            assertTrue(!item.title().isBlank() && !item.claim().isBlank() && item.slug().matches("[a-z0-9-]+"));
            assertEquals("notebooks/item" + item.number() + "-" + item.slug() + ".ipynb", item.notebookPath());
        }
    }

    @Test
    void unknownNumbersAreRejectedWithTheValidRanges() {
        for (int bad : new int[] {0, 51, 65, 66, 80}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalog.require(bad));
            assertTrue(e.getMessage().contains("52-64") && e.getMessage().contains("67-79"), e.getMessage());
        }
    }

    /** Every built item resolves: a Demo with a public no-argument constructor, a main and a benchmark. */
    @Test
    void everyBuiltItemResolvesToADemoWithMainAndABenchmark() throws Exception {
        assertTrue(Catalog.require(52).built(), "Item 52 is the model item and is always built");
        for (Catalog.Item item : Catalog.items()) {
            if (!item.built()) {
                assertTrue(item.demo().isEmpty());
                continue;
            }
            assertTrue(item.demo().isPresent(), item.label());
            Class<?> demo = Class.forName(item.demoClassName());
            Method main = demo.getMethod("main", String[].class);
            assertTrue(Modifier.isStatic(main.getModifiers()), item.demoClassName() + ".main is static");
            assertTrue(item.benchmarkClass().isPresent(), item.label() + " has a demo but no " + item.benchmarkClassName());
        }
    }

    /** No item package exists that the catalogue does not know: artifacts are addressable by item number. */
    @Test
    void everyItemPackageOnDiskBelongsToACatalogueItem() throws Exception {
        for (Path root : List.of(Path.of("src/main/java/workbench"), Path.of("benchmarks/src/main/java/workbench"))) {
            try (var dirs = Files.list(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    String name = dir.getFileName().toString();
                    if (name.matches("item\\d+")) {
                        int number = Integer.parseInt(name.substring(4));
                        assertTrue(Catalog.find(number).filter(i -> i.number() == number).isPresent(),
                                dir + " is not an item of the chapter");
                    }
                }
            }
        }
    }
}
