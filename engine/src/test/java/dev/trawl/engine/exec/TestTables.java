package dev.trawl.engine.exec;

import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.plan.Schema;
import java.util.ArrayList;
import java.util.List;

/** Tables for engine tests, written as datatable queries, and results as {@code name:type} and cell lines. */
public final class TestTables {
    private TestTables() {
    }

    /** Registers each (name, datatable query) pair: the query's result becomes the table. */
    static Engine register(Engine engine, String... namesAndQueries) {
        for (int i = 0; i < namesAndQueries.length; i += 2) {
            register(engine, namesAndQueries[i], new Engine().run(namesAndQueries[i + 1]));
        }
        return engine;
    }

    /** Registers a query's result as table {@code name}: its columns, its rows, one batch. */
    public static void register(Engine engine, String name, QueryResult result) {
        List<Schema.Field> fields = new ArrayList<>();
        Column[] columns = new Column[result.columns().size()];
        for (int c = 0; c < columns.length; c++) {
            QueryResult.Column column = result.columns().get(c);
            fields.add(new Schema.Field(column.name(), column.type()));
            ColumnBuilder builder = ColumnBuilder.of(column.type(), result.rowCount());
            for (int r = 0; r < result.rowCount(); r++) {
                builder.add(result.value(r, c));
            }
            columns[c] = builder.build();
        }
        engine.register(name, new Schema(fields), List.of(Batch.dense(columns, result.rowCount())));
    }

    /** The header {@code name:type|...}, then one line per row with the cells as Kusto writes them. */
    static List<String> rows(QueryResult result) {
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
                row.append(c == 0 ? "" : "|").append(text == null ? "" : text);
            }
            rows.add(row.toString());
        }
        return rows;
    }
}
