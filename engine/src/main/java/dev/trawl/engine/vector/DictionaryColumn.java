package dev.trawl.engine.vector;

import dev.trawl.kql.types.ScalarType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * string values as small codes into a dictionary: row {@code r} holds {@code dictionary[codes[r]]}. Security logs
 * are full of low-cardinality strings (action types, workloads, result statuses), and a function of such a column
 * can be computed once per dictionary entry instead of once per row. Entries need not be distinct (a function of a
 * dictionary column keeps its codes, and {@code tolower} may map two entries to one string), so equal codes mean
 * equal strings but not the other way round. Many columns may share one dictionary array; it is never written to.
 */
public record DictionaryColumn(int[] codes, String[] dictionary, int size) implements Column {
    /** The most distinct values a column is encoded with: one batch's worth, so a pass over the dictionary never
     *  costs more than a pass over a full batch. */
    public static final int MAX_ENTRIES = 8192;

    public DictionaryColumn {
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(dictionary, "dictionary");
    }

    @Override
    public ScalarType type() {
        return ScalarType.STRING;
    }

    @Override
    public boolean isNull(int row) {
        return false;
    }

    @Override
    public Object get(int row) {
        return dictionary[codes[row]];
    }

    @Override
    public Column gather(int[] rows, int count) {
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            out[k] = codes[rows[k]];
        }
        return new DictionaryColumn(out, dictionary, count);
    }

    /**
     * The columns (the same string column of a table's batches) encoded with one shared dictionary, or null when
     * they hold more than {@link #MAX_ENTRIES} distinct values or no more distinct values than half their rows, where
     * encoding would not pay.
     */
    public static List<Column> encode(List<? extends Column> columns) {
        Map<Object, Integer> entries = new HashMap<>();
        int rows = 0;
        int[][] codes = new int[columns.size()][];
        for (int c = 0; c < codes.length; c++) {
            Column column = columns.get(c);
            if (column.type() != ScalarType.STRING) {
                throw new IllegalArgumentException("not a string column: " + column.type());
            }
            int size = column.size();
            rows += size;
            codes[c] = new int[size];
            for (int row = 0; row < size; row++) {
                Object value = column.get(row);
                Integer code = entries.get(value);
                if (code == null) {
                    if (entries.size() == MAX_ENTRIES) {
                        return null;
                    }
                    code = entries.size();
                    entries.put(value, code);
                }
                codes[c][row] = code;
            }
        }
        if (entries.size() * 2 > rows) {
            return null;
        }
        String[] dictionary = new String[entries.size()];
        for (Map.Entry<Object, Integer> entry : entries.entrySet()) {
            dictionary[entry.getValue()] = (String) entry.getKey();
        }
        Column[] out = new Column[codes.length];
        for (int c = 0; c < codes.length; c++) {
            out[c] = new DictionaryColumn(codes[c], dictionary, codes[c].length);
        }
        return List.of(out);
    }
}
