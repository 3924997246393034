package workbench.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Parameters;
import workbench.Catalog;

/** The {@code <item|all>} argument of {@code run} and {@code bench}. */
final class ItemsArgument {

    @Parameters(index = "0", arity = "1", paramLabel = "<item|all>", converter = Converter.class,
            description = "An item number, 52-64 (2nd edition) or 67-79 (3rd edition), or 'all'.")
    Selection selection;

    List<Catalog.Item> items() {
        return selection.items();
    }

    /** The items a command line names: one, or all. */
    record Selection(List<Catalog.Item> items) {
    }

    /** Turns "52", "67" or "all" into catalogue items; anything else is a usage error (exit 2). */
    static final class Converter implements CommandLine.ITypeConverter<Selection> {
        @Override
        public Selection convert(String value) {
            if (value.equalsIgnoreCase("all")) {
                return new Selection(Catalog.items());
            }
            try {
                return new Selection(List.of(Catalog.require(Integer.parseInt(value.strip()))));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an item: give a number, 52-64 or 67-79, or 'all'");
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Turns "52" or "67" into one catalogue item; anything else, "all" included, is a usage error (exit 2). */
    static final class OneItemConverter implements CommandLine.ITypeConverter<Catalog.Item> {
        @Override
        public Catalog.Item convert(String value) {
            List<Catalog.Item> items = new Converter().convert(value).items();
            if (items.size() != 1) {
                throw new CommandLine.TypeConversionException("'" + value + "': give one item, 52-64 or 67-79");
            }
            return items.get(0);
        }
    }
}
