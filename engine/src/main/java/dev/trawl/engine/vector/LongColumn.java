package dev.trawl.engine.vector;

import dev.trawl.kql.types.ScalarType;
import java.util.Objects;

/** int, long, datetime and timespan values in a {@code long[]}; {@code nulls} is null when no value is null. */
public record LongColumn(ScalarType type, long[] values, boolean[] nulls, int size) implements Column {
    public LongColumn {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public boolean isNull(int row) {
        return nulls != null && nulls[row];
    }

    @Override
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        return type == ScalarType.INT ? (Object) (int) values[row] : (Object) values[row];
    }

    @Override
    public Column gather(int[] rows, int count) {
        long[] out = new long[count];
        boolean[] outNulls = nulls == null ? null : new boolean[count];
        for (int k = 0; k < count; k++) {
            out[k] = values[rows[k]];
            if (outNulls != null) {
                outNulls[k] = nulls[rows[k]];
            }
        }
        return new LongColumn(type, out, outNulls, count);
    }
}
