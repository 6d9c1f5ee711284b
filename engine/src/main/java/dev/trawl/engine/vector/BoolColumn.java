package dev.trawl.engine.vector;

import dev.trawl.kql.types.ScalarType;

/** bool values; {@code nulls} is null when no value is null. */
public record BoolColumn(boolean[] values, boolean[] nulls, int size) implements Column {
    @Override
    public ScalarType type() {
        return ScalarType.BOOL;
    }

    @Override
    public boolean isNull(int row) {
        return nulls != null && nulls[row];
    }

    /** True only for a non-null true: how a filter reads its predicate. */
    public boolean isTrue(int row) {
        return values[row] && (nulls == null || !nulls[row]);
    }

    @Override
    public Object get(int row) {
        return isNull(row) ? null : (Object) values[row];
    }

    @Override
    public Column gather(int[] rows, int count) {
        boolean[] out = new boolean[count];
        boolean[] outNulls = nulls == null ? null : new boolean[count];
        for (int k = 0; k < count; k++) {
            out[k] = values[rows[k]];
            if (outNulls != null) {
                outNulls[k] = nulls[rows[k]];
            }
        }
        return new BoolColumn(out, outNulls, count);
    }
}
