package dev.trawl.engine.exec;

import dev.trawl.engine.value.ValueFormat;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A query's result table, materialised. Cell values use the engine's value model: {@code Boolean},
 * {@code Integer} (int), {@code Long} (long, and the ticks of datetime and timespan), {@code Double},
 * {@code java.math.BigDecimal}, {@code String} (never null), {@code java.util.UUID}, and for dynamic
 * {@code null}/Boolean/Long/Double/String/{@code List}/{@code Map}. A null cell is a KQL null.
 */
public final class QueryResult {
    /** A result column: its name and KQL type. */
    public record Column(String name, ScalarType type) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    private final List<Column> columns;
    private final List<Object[]> rows;

    public QueryResult(List<Column> columns, List<Object[]> rows) {
        this.columns = List.copyOf(columns);
        this.rows = new ArrayList<>(rows);
        for (Object[] row : this.rows) {
            if (row.length != this.columns.size()) {
                throw new IllegalArgumentException("row of " + row.length + " cells for " + columns.size() + " columns");
            }
        }
    }

    public List<Column> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    public Object value(int row, int column) {
        return rows.get(row)[column];
    }

    /** The cell as Kusto writes it in JSON/CSV results (datetimes ISO 8601 with 7 digits, ...), or null. */
    public String text(int row, int column) {
        return ValueFormat.format(columns.get(column).type(), value(row, column));
    }
}
