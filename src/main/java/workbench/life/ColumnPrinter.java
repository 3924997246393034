package workbench.life;

import java.util.ArrayList;
import java.util.List;

import workbench.annotations.NotThreadSafe;

/**
 * The book's {@code ColumnPrinter} (Item 56): lays several grids out side by side. The first row holds each
 * column's index, padded on both sides by half the width of the column's first line; then one row per grid
 * line. Columns are joined with {@code " | "}, rows with a newline (none after the last row).
 */
@NotThreadSafe
public final class ColumnPrinter {

    private final List<String> columns = new ArrayList<>();

    public void append(String data) {
        columns.add(data);
    }

    @Override
    public String toString() {
        int rowCount = 1;
        for (String data : columns) {
            rowCount = Math.max(rowCount, (int) data.lines().count() + 1);   // + 1 for the header
        }
        List<String> rows = new ArrayList<>();
        for (int j = 0; j < rowCount; j++) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                List<String> lines = columns.get(i).lines().toList();
                String line = lines.get(Math.max(0, j - 1));
                if (j == 0) {
                    String padding = " ".repeat(line.length() / 2);
                    row.append(padding).append(i).append(padding);
                } else {
                    row.append(line);
                }
                if (i + 1 < columns.size()) {
                    row.append(" | ");
                }
            }
            rows.add(row.toString());
        }
        return String.join("\n", rows);
    }
}
