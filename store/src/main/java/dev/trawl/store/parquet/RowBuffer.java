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
    /** String, or byte[] for JSON text kept as the export's own UTF-8 bytes (never decoded and re-encoded). */
    private final Object[][] texts;
    private final boolean[][] nulls;
    /** Each column's kind, looked up once: {@link #add} is on the ingest thread's path for every value. */
    private final Kind[] kinds;
    private int size;

    public RowBuffer(Schema schema, int capacity) {
        this.schema = schema;
        int width = schema.size();
        longs = new long[width][];
        doubles = new double[width][];
        texts = new Object[width][];
        nulls = new boolean[width][];
        kinds = new Kind[width];
        int cap = Math.max(16, capacity);
        for (int c = 0; c < width; c++) {
            kinds[c] = kind(schema.field(c).type());
            switch (kinds[c]) {
                case LONG -> longs[c] = new long[cap];
                case DOUBLE -> doubles[c] = new double[cap];
                case TEXT -> texts[c] = new Object[cap];
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
            switch (kinds[c]) {
                case LONG -> longs[c][size] = (Long) value;
                case DOUBLE -> doubles[c][size] = (Double) value;
                case TEXT -> texts[c][size] = value instanceof byte[] ? value : (String) value;
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
        Object value = texts[column][row];
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : (String) value;
    }

    /** A text column's value as held: a String, or the export's own UTF-8 bytes (JSON text). */
    Object textValue(int column, int row) {
        return texts[column][row];
    }

    /**
     * The text as Parquet writes it: the kept bytes as they are, a String encoded. Both as array-backed binaries:
     * Parquet's string binary wraps a buffer, whose equals and hash go byte by byte through it; in the profile
     * of a UAL ingest (rows converted from trees hold Strings) that wrapping and those lookups were a quarter
     * of the writer threads' samples.
     */
    org.apache.parquet.io.api.Binary binaryAt(int column, int row) {
        Object value = texts[column][row];
        return org.apache.parquet.io.api.Binary.fromConstantByteArray(value instanceof byte[] bytes ? bytes
                : ((String) value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Rows at the start of a segment on which a column is judged mostly distinct, and the fewest worth judging. */
    static final int DISTINCT_SAMPLE = 2048;
    private static final int MIN_SAMPLE = 64;

    /**
     * Whether a number column's values look mostly distinct, judged on its first rows: then a dictionary would
     * be built only to be dropped when Parquet finds it too large, which costs more than the rest of the write.
     * (A text column is judged the same way while its dictionary is built, see {@link TextDictionary}.)
     */
    boolean mostlyDistinct(int column) {
        int sample = Math.min(size, DISTINCT_SAMPLE);
        java.util.HashSet<Object> seen = new java.util.HashSet<>();
        for (int r = 0; r < sample; r++) {
            if (nulls[column][r]) {
                continue;
            }
            seen.add(longs[column] != null ? (Object) longs[column][r] : (Object) doubles[column][r]);
        }
        return mostlyDistinct(seen.size(), sample);
    }

    /** Whether {@code distinct} values in the first {@code sampled} rows are too many for a dictionary to pay. */
    static boolean mostlyDistinct(int distinct, int sampled) {
        return sampled >= MIN_SAMPLE && distinct * 2 > sampled;
    }
}
