package workbench.item56;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.life.GliderBlock;
import workbench.testing.DemoRun;

class Item56Test {

    @Test
    @Timeout(30)
    void demoPrintsTheGliderBlockOnceAndLeavesNothingBehind() throws Throwable {
        DemoRun.Captured run = GliderBlock.runDemo(new Item56(), 1);
        run.assertPrinted("---*-----\n----*----\n--***----\n---------\n---------\n\n");
        assertEquals(List.of(true), run.facts("io-same-cells"), "I/O changes the time, not the cells");
        assertEquals(List.of(true), run.facts("process-row-identical"), "the worker JVMs' generations");
    }
}
