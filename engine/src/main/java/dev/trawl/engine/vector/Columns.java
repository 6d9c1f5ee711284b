package dev.trawl.engine.vector;

import dev.trawl.kql.types.ScalarType;
import java.util.Arrays;
import java.util.List;

/**
 * Typed operations over whole columns that operators at pipeline breakers need (a join's or a sort's input made
 * one column, a join's output picked from both sides): they copy primitive arrays instead of boxing each value
 * through a {@link ColumnBuilder}, which they fall back to only for columns of mixed representations.
 */
public final class Columns {
    private Columns() {
    }

    /** The parts one after another, as one dense column of {@code type}. */
    public static Column concat(ScalarType type, List<Column> parts) {
        if (parts.isEmpty()) {
            return ColumnBuilder.of(type, 0).build();
        }
        if (parts.size() == 1 && parts.get(0).type() == type) {
            return parts.get(0);
        }
        int total = 0;
        boolean longs = true;
        boolean doubles = true;
        boolean objects = true;
        boolean codes = true;
        for (Column part : parts) {
            total += part.size();
            longs &= part instanceof LongColumn column && column.type() == type;
            doubles &= part instanceof DoubleColumn && type == ScalarType.REAL;
            objects &= part instanceof ObjectColumn column && column.type() == type;
            codes &= part instanceof DictionaryColumn column && column.dictionary() == dictionary(parts.get(0));
        }
        if (longs) {
            long[] values = new long[total];
            boolean[] nulls = null;
            int at = 0;
            for (Column part : parts) {
                LongColumn column = (LongColumn) part;
                System.arraycopy(column.values(), 0, values, at, column.size());
                nulls = copyNulls(column.nulls(), nulls, at, column.size(), total);
                at += column.size();
            }
            return new LongColumn(type, values, nulls, total);
        }
        if (doubles) {
            double[] values = new double[total];
            boolean[] nulls = null;
            int at = 0;
            for (Column part : parts) {
                DoubleColumn column = (DoubleColumn) part;
                System.arraycopy(column.values(), 0, values, at, column.size());
                nulls = copyNulls(column.nulls(), nulls, at, column.size(), total);
                at += column.size();
            }
            return new DoubleColumn(values, nulls, total);
        }
        if (objects) {
            Object[] values = new Object[total];
            int at = 0;
            for (Column part : parts) {
                System.arraycopy(((ObjectColumn) part).values(), 0, values, at, part.size());
                at += part.size();
            }
            if (type == ScalarType.STRING) {
                // As a builder would: a string is never null.
                for (int i = 0; i < total; i++) {
                    if (values[i] == null) {
                        values[i] = "";
                    }
                }
            }
            return new ObjectColumn(type, values, total);
        }
        if (codes && type == ScalarType.STRING) {
            int[] values = new int[total];
            int at = 0;
            for (Column part : parts) {
                System.arraycopy(((DictionaryColumn) part).codes(), 0, values, at, part.size());
                at += part.size();
            }
            return new DictionaryColumn(values, dictionary(parts.get(0)), total);
        }
        ColumnBuilder builder = ColumnBuilder.of(type, total);
        for (Column part : parts) {
            for (int row = 0; row < part.size(); row++) {
                builder.add(part.get(row));
            }
        }
        return builder.build();
    }

    private static String[] dictionary(Column column) {
        return column instanceof DictionaryColumn strings ? strings.dictionary() : null;
    }

    private static boolean[] copyNulls(boolean[] from, boolean[] into, int at, int count, int total) {
        if (from == null) {
            return into;
        }
        boolean[] out = into == null ? new boolean[total] : into;
        System.arraycopy(from, 0, out, at, count);
        return out;
    }

    /**
     * The rows {@code rows[from..from+count)} of the column, in that order, as a new dense column of {@code type};
     * a negative row stands for a missing one (the other side of an outer join), which is null, or for a string
     * the empty string.
     */
    public static Column gatherOrNull(Column column, ScalarType type, int[] rows, int from, int count) {
        int[] picked = Arrays.copyOfRange(rows, from, from + count);
        boolean missing = false;
        for (int row : picked) {
            missing |= row < 0;
        }
        if (!missing) {
            return column.gather(picked, count);
        }
        switch (column) {
            case LongColumn longs when longs.type() == type -> {
                long[] values = new long[count];
                boolean[] nulls = new boolean[count];
                for (int k = 0; k < count; k++) {
                    int row = picked[k];
                    nulls[k] = row < 0 || longs.isNull(row);
                    values[k] = row < 0 ? 0 : longs.values()[row];
                }
                return new LongColumn(type, values, nulls, count);
            }
            case DoubleColumn doubles when type == ScalarType.REAL -> {
                double[] values = new double[count];
                boolean[] nulls = new boolean[count];
                for (int k = 0; k < count; k++) {
                    int row = picked[k];
                    nulls[k] = row < 0 || doubles.isNull(row);
                    values[k] = row < 0 ? 0 : doubles.values()[row];
                }
                return new DoubleColumn(values, nulls, count);
            }
            default -> {
                ColumnBuilder builder = ColumnBuilder.of(type, count);
                for (int row : picked) {
                    builder.add(row < 0 ? null : column.get(row));
                }
                return builder.build();
            }
        }
    }
}
