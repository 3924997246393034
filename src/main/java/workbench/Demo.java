package workbench;

import workbench.demo.Narrator;

/**
 * An item's demo: the book's examples in the book's order, then what Java shows differently.
 *
 * <p>Every {@code workbench.itemNN.ItemNN} implements this and has a {@code main} that runs it on
 * {@code System.out}, so a demo runs alike from an IDE, from {@code workbench run NN} and from a test that
 * captures its output. A demo needs no arguments, finishes in seconds and leaves no thread or child process
 * behind.
 */
public interface Demo {

    void run(Narrator out) throws Exception;
}
