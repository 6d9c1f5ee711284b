package dev.trawl.engine.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * A documented output, read from its Markdown table by {@link MarkdownTable}. Cells are already normalised at the
 * Markdown level (trimmed, {@code \|} unescaped, backticks and {@code <br>} resolved), never null; an empty
 * cell is the empty string.
 *
 * @param form a table with a header, or a single value the docs gave as a fenced block (no header)
 * @param columns the header names; empty for {@link Form#SINGLE_VALUE}
 * @param columnsAbbreviated the header ended with a {@code ...} column: the result may have more columns, and
 *        only the named leading ones are compared
 * @param head the data rows before the first {@code ...} row (all rows when there is none)
 * @param tail the data rows after the last {@code ...} row
 * @param rowsAbbreviated a row of {@code ...} cells stood for rows the docs left out: {@code head} is a prefix and
 *        {@code tail} a suffix of the result (a sub-multiset when row order does not count)
 * @param warnings what the parser had to repair (ragged rows, a malformed separator), for the report
 */
record ExpectedTable(Form form, List<String> columns, boolean columnsAbbreviated, List<List<String>> head,
        List<List<String>> tail, boolean rowsAbbreviated, List<String> warnings) {
    enum Form { TABLE, SINGLE_VALUE }

    ExpectedTable {
        columns = List.copyOf(columns);
        head = head.stream().map(List::copyOf).toList();
        tail = tail.stream().map(List::copyOf).toList();
        warnings = List.copyOf(warnings);
    }

    static ExpectedTable singleValue(String value, List<String> warnings) {
        return new ExpectedTable(Form.SINGLE_VALUE, List.of(), false, List.of(List.of(value)), List.of(), false,
                warnings);
    }

    /** Every documented data row: head then tail. */
    List<List<String>> rows() {
        List<List<String>> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    /** Whether the result may hold rows or columns the docs did not print. */
    boolean abbreviated() {
        return rowsAbbreviated || columnsAbbreviated;
    }
}
