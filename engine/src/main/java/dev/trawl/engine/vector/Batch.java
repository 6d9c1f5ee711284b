package dev.trawl.engine.vector;

import java.util.Objects;

/**
 * Rows flowing between operators: columns of equal physical length and, after a filter, a selection of
 * the rows that are live ({@code selection[0..size)}, ascending). Filters narrow the selection instead of
 * copying columns.
 */
public record Batch(Column[] columns, int size, int[] selection) {
    public Batch {
        Objects.requireNonNull(columns, "columns");
    }

    public static Batch dense(Column[] columns, int size) {
        return new Batch(columns, size, null);
    }

    /** The physical row of logical row {@code k}. */
    public int row(int k) {
        return selection == null ? k : selection[k];
    }

    /** Column {@code index} with only the live rows, densely. */
    public Column dense(int index) {
        Column column = columns[index];
        return selection == null ? column : column.gather(selection, size);
    }

    /** The whole batch with only its live rows. */
    public Batch compact() {
        if (selection == null) {
            return this;
        }
        Column[] out = new Column[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = columns[i].gather(selection, size);
        }
        return dense(out, size);
    }
}
