package dev.trawl.engine.conformance;

import dev.trawl.engine.exec.QueryResult;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's result as the comparison sees it: column names and types, and every cell in Kusto's text form
 * ({@link QueryResult#text}; null for a null). Built from a {@link QueryResult}, or by hand in unit tests.
 */
record ActualTable(List<QueryResult.Column> columns, List<List<String>> rows) {
    ActualTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
    }

    static ActualTable of(QueryResult result) {
        List<List<String>> rows = new ArrayList<>(result.rowCount());
        int width = result.columns().size();
        for (int r = 0; r < result.rowCount(); r++) {
            String[] row = new String[width];
            for (int c = 0; c < width; c++) {
                row[c] = result.text(r, c);
            }
            rows.add(Arrays.asList(row));
        }
        return new ActualTable(result.columns(), rows);
    }

    /** A hand-made table: {@code columns} as {@code name:type} pairs. */
    static ActualTable of(List<String> columns, List<List<String>> rows) {
        List<QueryResult.Column> typed = new ArrayList<>();
        for (String column : columns) {
            int colon = column.lastIndexOf(':');
            ScalarType type = ScalarType.fromName(column.substring(colon + 1));
            if (colon < 0 || type == null) {
                throw new IllegalArgumentException("not name:type: " + column);
            }
            typed.add(new QueryResult.Column(column.substring(0, colon), type));
        }
        return new ActualTable(typed, rows);
    }

    List<String> names() {
        return columns.stream().map(QueryResult.Column::name).toList();
    }

    int rowCount() {
        return rows.size();
    }
}
