package dev.trawl.store.ingest;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 cells: commas separate, double quotes enclose a cell that holds commas, quotes ("") or line breaks. */
final class Csv {
    private Csv() {
    }

    /**
     * The cells of one record, or null when a quoted cell is still open (the record goes on on the next line).
     * A quote opens a quoted part only at the start of a cell; anywhere else it is text, and so is anything
     * after a quoted part's closing quote up to the next comma. Cells are cut as whole ranges of the text
     * (an audit record's AuditData cell is a kilobyte or more).
     */
    static List<String> split(CharSequence text) {
        List<String> cells = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (true) {
            String cell;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder quoted = null;
                int from = ++i;
                while (true) {
                    if (i >= n) {
                        return null;
                    }
                    if (text.charAt(i) == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            // "" is one quote: keep the text up to and with the first.
                            quoted = (quoted == null ? new StringBuilder() : quoted).append(text, from, i + 1);
                            i += 2;
                            from = i;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                String inside = quoted == null ? text.subSequence(from, i).toString()
                        : quoted.append(text, from, i).toString();
                int tail = ++i;
                while (i < n && text.charAt(i) != ',') {
                    i++;
                }
                cell = tail == i ? inside : inside + text.subSequence(tail, i);
            } else {
                int from = i;
                while (i < n && text.charAt(i) != ',') {
                    i++;
                }
                cell = text.subSequence(from, i).toString();
            }
            cells.add(cell);
            if (i >= n) {
                return cells;
            }
            i++;
        }
    }
}
