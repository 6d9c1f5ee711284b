package dev.trawl.store.parquet;

import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.util.Arrays;

/**
 * Rows of one table being ingested, column by column in primitive arrays, until they are written as a
 * Parquet segment. Values are in the store's value model: bool/int/long/datetime/timespan as longs (datetime
 * and timespan in 100 ns ticks), real as doubles, everything else as text (a dynamic as its JSON text).
 */
public final class RowBuffer {
    private final Schema schema;
    private final long[][] longs;
    private final double[][] doubles;
    private final String[][] texts;
    private final boolean[][] nulls;
    private int size;

    public RowBuffer(Schema schema, int capacity) {
        this.schema = schema;
        int width = schema.size();
        longs = new long[width][];
        doubles = new double[width][];
        texts = new String[width][];
        nulls = new boolean[width][];
        int cap = Math.max(16, capacity);
        for (int c = 0; c < width; c++) {
            switch (kind(schema.field(c).type())) {
                case LONG -> longs[c] = new long[cap];
                case DOUBLE -> doubles[c] = new double[cap];
                case TEXT -> texts[c] = new String[cap];
            }
            nulls[c] = new boolean[cap];
        }
    }

    enum Kind { LONG, DOUBLE, TEXT }

    static Kind kind(ScalarType type) {
        return switch (type) {
            case BOOL, INT, LONG, DATETIME, TIMESPAN -> Kind.LONG;
            case REAL -> Kind.DOUBLE;
            default -> Kind.TEXT;
        };
    }

    public Schema schema() {
        return schema;
    }

    public int size() {
        return size;
    }

    /**
     * Appends one row. {@code values[c]} is null, a Long (bool as 0/1), a Double or a String according to the
     * column's kind; the caller converted and checked it.
     */
    public void add(Object[] values) {
        if (size == nulls[0].length) {
            grow();
        }
        for (int c = 0; c < values.length; c++) {
            Object value = values[c];
            if (value == null) {
                nulls[c][size] = true;
                continue;
            }
            switch (kind(schema.field(c).type())) {
                case LONG -> longs[c][size] = (Long) value;
                case DOUBLE -> doubles[c][size] = (Double) value;
                case TEXT -> texts[c][size] = (String) value;
            }
        }
        size++;
    }

    private void grow() {
        int cap = nulls[0].length * 2;
        for (int c = 0; c < nulls.length; c++) {
            if (longs[c] != null) {
                longs[c] = Arrays.copyOf(longs[c], cap);
            }
            if (doubles[c] != null) {
                doubles[c] = Arrays.copyOf(doubles[c], cap);
            }
            if (texts[c] != null) {
                texts[c] = Arrays.copyOf(texts[c], cap);
            }
            nulls[c] = Arrays.copyOf(nulls[c], cap);
        }
    }

    public boolean isNull(int column, int row) {
        return nulls[column][row];
    }

    public long longAt(int column, int row) {
        return longs[column][row];
    }

    public double doubleAt(int column, int row) {
        return doubles[column][row];
    }

    public String textAt(int column, int row) {
        return texts[column][row];
    }

    /** The rows whose indexes are listed, in that order, as a new buffer. */
    public RowBuffer select(int[] rows, int count) {
        RowBuffer out = new RowBuffer(schema, count);
        for (int c = 0; c < nulls.length; c++) {
            for (int k = 0; k < count; k++) {
                int r = rows[k];
                out.nulls[c][k] = nulls[c][r];
                if (longs[c] != null) {
                    out.longs[c][k] = longs[c][r];
                } else if (doubles[c] != null) {
                    out.doubles[c][k] = doubles[c][r];
                } else {
                    out.texts[c][k] = texts[c][r];
                }
            }
        }
        out.size = count;
        return out;
    }
}
