package workbench.item56;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.life.GliderBlock;

class Item56Test {

    @Test
    @Timeout(30)
    void demoPrintsTheGliderBlockOnceAndLeavesNothingBehind() throws Throwable {
        String output = GliderBlock.runDemo(new Item56());
        assertEquals(1, GliderBlock.occurrences(output), output);
        assertTrue(output.contains("---*-----\n----*----\n--***----\n---------\n---------\n\n"), output);
        assertTrue(output.contains("same cells as without I/O: true"), output);
        assertTrue(output.contains("the same 5 generations on 2 worker JVMs (ProcessPoolRows"), output);
        assertTrue(output.contains("the identical grids as sequential: true; they took "), output);
    }
}
