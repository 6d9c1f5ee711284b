package dev.trawl.engine.golden;

import dev.trawl.engine.exec.QueryResult;
import dev.trawl.engine.value.ValueFormat;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query result as a {@code query} block records it (see {@code engine/src/test/resources/golden/README.md}):
 * a header of {@code name:type} cells, then one line per row, cells separated by {@link #SEPARATOR}. Strings are
 * quoted, so the empty string {@code ""} and a non-string {@code null} never look alike, and reals are rounded
 * to {@link #REAL_DIGITS} significant digits so a result does not hinge on the last bit of a sum.
 */
final class ResultTable {
    static final String SEPARATOR = " | ";
    static final String NULL = "null";
    static final String IGNORE = "<ignore>";
    static final String NO_ROWS = "(no rows)";
    static final int REAL_DIGITS = 12;

    private static final MathContext REAL_PRECISION = new MathContext(REAL_DIGITS, RoundingMode.HALF_EVEN);

    private ResultTable() {
    }

    /** The header line: {@code name:type} cells. */
    static String header(QueryResult result) {
        List<String> cells = new ArrayList<>();
        for (QueryResult.Column column : result.columns()) {
            cells.add(column.name() + ":" + column.type().kqlName());
        }
        return String.join(SEPARATOR, cells);
    }

    /** Each row as its list of rendered cells, in the result's order. */
    static List<List<String>> rows(QueryResult result) {
        List<List<String>> rows = new ArrayList<>(result.rowCount());
        for (int r = 0; r < result.rowCount(); r++) {
            List<String> row = new ArrayList<>(result.columns().size());
            for (int c = 0; c < result.columns().size(); c++) {
                row.add(cell(result.columns().get(c).type(), result.value(r, c)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** One cell: {@code null}, a quoted string, or the value as Kusto writes it with reals rounded. */
    static String cell(ScalarType type, Object value) {
        if (value == null) {
            return NULL;
        }
        return switch (type) {
            case STRING -> ValueFormat.json(value);
            case REAL -> ValueFormat.real(round((Double) value));
            case DYNAMIC -> ValueFormat.json(roundReals(value));
            default -> ValueFormat.format(type, value);
        };
    }

    static double round(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value;
        }
        return new BigDecimal(value).round(REAL_PRECISION).doubleValue();
    }

    /** A copy of a dynamic value whose reals are rounded as real cells are, at any depth. */
    private static Object roundReals(Object value) {
        return switch (value) {
            case Double real -> round(real);
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                for (Object element : list) {
                    out.add(element == null ? null : roundReals(element));
                }
                yield out;
            }
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.put(entry.getKey(), entry.getValue() == null ? null : roundReals(entry.getValue()));
                }
                yield out;
            }
            default -> value;
        };
    }

    /**
     * Splits a recorded row into its cells at each {@link #SEPARATOR} outside a quoted string, so a string or a
     * dynamic holding {@code " | "} stays one cell.
     */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && line.startsWith(SEPARATOR, i)) {
                cells.add(line.substring(start, i));
                i += SEPARATOR.length();
                start = i;
                continue;
            }
            i++;
        }
        cells.add(line.substring(start));
        return cells;
    }
}
