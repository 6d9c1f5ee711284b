package dev.trawl.engine.conformance;

import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a documented table with the engine's result under a {@link CasePlan}:
 * <ol>
 * <li>Columns: the header names (after the plan's typo renames) must equal the result's names, exactly and in
 *     order. A header ending in {@code ...} only fixes the leading columns; with {@code documentedColumnsOnly} each
 *     documented name must exist somewhere in the result; a fenced single value is the result's last column.</li>
 * <li>Shape-only plans stop after the row count (at least the documented rows when the table is abbreviated).</li>
 * <li>Ordered plans compare rows pairwise (the head as a prefix, the tail as a suffix when the docs cut rows);
 *     otherwise the documented rows must be the result's rows as a multiset (a sub-multiset when cut).</li>
 * <li>Cells by {@link CellMatcher} with the result column's type; a cell that is only {@code ...} is not compared.</li>
 * </ol>
 * A mismatch comes back as a short human-readable diff.
 */
final class TableComparator {
    private static final int MAX_LISTED_ROWS = 3;
    private static final int MAX_CELL = 120;

    private TableComparator() {
    }

    /** The outcome: null diff means the tables agree. */
    record Verdict(boolean pass, String diff) {
        static final Verdict PASS = new Verdict(true, null);

        static Verdict fail(String diff) {
            return new Verdict(false, diff);
        }
    }

    static Verdict compare(ExpectedTable expected, ActualTable actual, CasePlan plan) {
        int[] selected;
        List<String> expectedNames;
        if (expected.form() == ExpectedTable.Form.SINGLE_VALUE) {
            if (actual.columns().isEmpty()) {
                return Verdict.fail("expected a value, got a result with no columns");
            }
            selected = new int[] {actual.columns().size() - 1};
            expectedNames = List.of(actual.names().get(selected[0]));
        } else {
            expectedNames = expected.columns().stream().map(n -> plan.headerRenames().getOrDefault(n, n)).toList();
            List<String> actualNames = actual.names();
            if (plan.documentedColumnsOnly()) {
                selected = new int[expectedNames.size()];
                for (int i = 0; i < expectedNames.size(); i++) {
                    selected[i] = actualNames.indexOf(expectedNames.get(i));
                    if (selected[i] < 0) {
                        return Verdict.fail("no column " + expectedNames.get(i) + " in the result; columns: " + actualNames);
                    }
                }
            } else {
                boolean namesOk = expected.columnsAbbreviated()
                        ? actualNames.size() >= expectedNames.size()
                                && actualNames.subList(0, expectedNames.size()).equals(expectedNames)
                        : actualNames.equals(expectedNames);
                if (!namesOk) {
                    return Verdict.fail("columns differ: expected " + expectedNames
                            + (expected.columnsAbbreviated() ? " (then more)" : "") + ", got " + actualNames);
                }
                selected = new int[expectedNames.size()];
                for (int i = 0; i < selected.length; i++) {
                    selected[i] = i;
                }
            }
        }
        ScalarType[] types = new ScalarType[selected.length];
        for (int i = 0; i < selected.length; i++) {
            types[i] = actual.columns().get(selected[i]).type();
        }
        List<List<String>> actualRows = new ArrayList<>(actual.rowCount());
        for (List<String> row : actual.rows()) {
            List<String> projected = new ArrayList<>(selected.length);
            for (int index : selected) {
                projected.add(row.get(index));
            }
            actualRows.add(projected);
        }

        int documented = expected.head().size() + expected.tail().size();
        boolean cut = expected.rowsAbbreviated();
        if (cut ? actualRows.size() < documented : actualRows.size() != documented) {
            String countDiff = "expected " + (cut ? "at least " : "") + documented + " row(s), got " + actualRows.size();
            if (plan.check() == CasePlan.Check.SHAPE) {
                return Verdict.fail(countDiff + " (shape-only case)");
            }
            String rows = plan.ordered() ? "" : unmatched(expected.rows(), actualRows, types, plan.cells());
            return Verdict.fail(countDiff + rows);
        }
        if (plan.check() == CasePlan.Check.SHAPE) {
            return Verdict.PASS;
        }
        if (plan.ordered()) {
            return compareOrdered(expected, actualRows, types, plan.cells(), expectedNames);
        }
        String missing = unmatched(expected.rows(), actualRows, types, plan.cells());
        return missing.isEmpty() ? Verdict.PASS : Verdict.fail("rows differ (compared as a multiset" + (cut
                ? ", documented rows as a subset" : "") + ")" + missing);
    }

    private static Verdict compareOrdered(ExpectedTable expected, List<List<String>> actual, ScalarType[] types,
            CellMatcher cells, List<String> names) {
        for (int i = 0; i < expected.head().size(); i++) {
            String diff = rowDiff(expected.head().get(i), actual.get(i), types, cells, names);
            if (diff != null) {
                return Verdict.fail("row " + (i + 1) + " (ordered): " + diff);
            }
        }
        int offset = actual.size() - expected.tail().size();
        for (int i = 0; i < expected.tail().size(); i++) {
            String diff = rowDiff(expected.tail().get(i), actual.get(offset + i), types, cells, names);
            if (diff != null) {
                return Verdict.fail("row " + (offset + i + 1) + " (ordered, after the docs' '...'): " + diff);
            }
        }
        return Verdict.PASS;
    }

    /** Null when the rows match, else which cell differs. */
    private static String rowDiff(List<String> expected, List<String> actual, ScalarType[] types, CellMatcher cells,
            List<String> names) {
        for (int c = 0; c < types.length; c++) {
            String e = expected.get(c);
            if (!cellMatches(e, actual.get(c), types[c], cells)) {
                return "column " + names.get(c) + " (" + types[c] + "): expected " + quote(e) + ", got "
                        + quote(actual.get(c)) + "\n      expected row " + render(expected) + "\n      actual row   "
                        + render(actual);
            }
        }
        return null;
    }

    private static boolean cellMatches(String expected, String actual, ScalarType type, CellMatcher cells) {
        return Cells.isEllipsis(expected) || cells.matches(type, expected, actual);
    }

    private static boolean rowMatches(List<String> expected, List<String> actual, ScalarType[] types, CellMatcher cells) {
        for (int c = 0; c < types.length; c++) {
            if (!cellMatches(expected.get(c), actual.get(c), types[c], cells)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Greedy multiset matching of documented rows against result rows; empty when every documented row found a
     * partner, else a listing of the documented rows without one and of the result rows left over.
     */
    private static String unmatched(List<List<String>> expected, List<List<String>> actual, ScalarType[] types,
            CellMatcher cells) {
        List<List<String>> remaining = new ArrayList<>(actual);
        List<List<String>> missing = new ArrayList<>();
        for (List<String> row : expected) {
            int found = -1;
            for (int i = 0; i < remaining.size(); i++) {
                if (rowMatches(row, remaining.get(i), types, cells)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                missing.add(row);
            } else {
                remaining.remove(found);
            }
        }
        if (missing.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("\n    ").append(missing.size()).append(" documented row(s) not in the result, e.g.");
        for (int i = 0; i < Math.min(MAX_LISTED_ROWS, missing.size()); i++) {
            out.append("\n      - ").append(render(missing.get(i)));
        }
        out.append("\n    ").append(remaining.size()).append(" result row(s) left over").append(remaining.isEmpty() ? "" : ", e.g.");
        for (int i = 0; i < Math.min(MAX_LISTED_ROWS, remaining.size()); i++) {
            out.append("\n      + ").append(render(remaining.get(i)));
        }
        return out.toString();
    }

    static String render(List<String> row) {
        StringBuilder out = new StringBuilder("|");
        for (String cell : row) {
            out.append(' ').append(cell == null ? "<null>" : shorten(cell)).append(" |");
        }
        return out.toString();
    }

    private static String quote(String cell) {
        return cell == null ? "<null>" : "'" + shorten(cell) + "'";
    }

    private static String shorten(String cell) {
        String oneLine = cell.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return oneLine.length() <= MAX_CELL ? oneLine : oneLine.substring(0, MAX_CELL) + "...";
    }
}
