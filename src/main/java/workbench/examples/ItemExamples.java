package workbench.examples;

import java.util.List;

/**
 * An item's declaration of its comparing examples: the class {@code workbench.itemNN.ItemNNExamples}, with a public
 * no-argument constructor, which {@code workbench.Catalog} finds by that name. The demo, the benchmark's
 * {@code @Param} check, {@code workbench timeline <item>}, the tests and the notebooks iterate it.
 */
public interface ItemExamples {

    /** The item's examples, in the order the timeline records and the notebook shows them. */
    List<Example<?>> examples();

    /** Every (example, way) of the item, in declaration order: what {@code workbench timeline <item>} records. */
    default List<Example.Run> runs() {
        return examples().stream().flatMap(example -> example.runs().stream()).toList();
    }
}
