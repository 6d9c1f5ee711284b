package dev.trawl.engine.vector;

import dev.trawl.kql.types.ScalarType;
import java.util.Objects;

/**
 * string, decimal, guid and dynamic values. A string is never null (KQL's empty string); a dynamic
 * column cannot tell a JSON null from a null value, as in Kusto.
 */
public record ObjectColumn(ScalarType type, Object[] values, int size) implements Column {
    public ObjectColumn {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public boolean isNull(int row) {
        return values[row] == null;
    }

    @Override
    public Object get(int row) {
        return values[row];
    }

    @Override
    public Column gather(int[] rows, int count) {
        Object[] out = new Object[count];
        for (int k = 0; k < count; k++) {
            out[k] = values[rows[k]];
        }
        return new ObjectColumn(type, out, count);
    }
}
