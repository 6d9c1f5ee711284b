package dev.trawl.engine.vector;

import dev.trawl.kql.types.ScalarType;

/** real values; {@code nulls} is null when no value is null. */
public record DoubleColumn(double[] values, boolean[] nulls, int size) implements Column {
    @Override
    public ScalarType type() {
        return ScalarType.REAL;
    }

    @Override
    public boolean isNull(int row) {
        return nulls != null && nulls[row];
    }

    @Override
    public Object get(int row) {
        return isNull(row) ? null : (Object) values[row];
    }

    @Override
    public Column gather(int[] rows, int count) {
        double[] out = new double[count];
        boolean[] outNulls = nulls == null ? null : new boolean[count];
        for (int k = 0; k < count; k++) {
            out[k] = values[rows[k]];
            if (outNulls != null) {
                outNulls[k] = nulls[rows[k]];
            }
        }
        return new DoubleColumn(out, outNulls, count);
    }
}
