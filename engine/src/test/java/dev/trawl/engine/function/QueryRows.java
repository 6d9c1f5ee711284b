package dev.trawl.engine.function;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryResult;
import java.util.ArrayList;
import java.util.List;

/** A query's result as text lines, for function tests: {@code name:type|...}, then one line per row. */
final class QueryRows {
    private final Engine engine;

    QueryRows(Engine engine) {
        this.engine = engine;
    }

    /** Header {@code name:type|...} then one line per row; a null cell is written {@code <null>}. */
    List<String> rows(String query) {
        QueryResult result = engine.run(query);
        List<String> rows = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        for (QueryResult.Column column : result.columns()) {
            header.append(header.isEmpty() ? "" : "|").append(column.name()).append(':').append(column.type());
        }
        rows.add(header.toString());
        for (int r = 0; r < result.rowCount(); r++) {
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < result.columns().size(); c++) {
                String text = result.text(r, c);
                row.append(c == 0 ? "" : "|").append(text == null ? "<null>" : text);
            }
            rows.add(row.toString());
        }
        return rows;
    }

    /** The type and text of {@code print r = expression}, as {@code type text}. */
    String value(String expression) {
        List<String> rows = rows("print r = " + expression);
        return rows.get(0).substring("r:".length()) + " " + rows.get(1);
    }
}
