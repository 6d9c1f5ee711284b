package dev.trawl.hunt.report;

import java.util.List;

/** A few evidence rows of an alert, as text, under their column names; every row has one cell per column. */
public record EvidenceSample(List<String> columns, List<List<String>> rows) {
    /** Requires rows as wide as the columns. */
    public EvidenceSample {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("an evidence row has " + row.size() + " cells for "
                        + columns.size() + " columns");
            }
        }
    }

    /** No evidence rows to show. */
    public static EvidenceSample none() {
        return new EvidenceSample(List.of(), List.of());
    }
}
