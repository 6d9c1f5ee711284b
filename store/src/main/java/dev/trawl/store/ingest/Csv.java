package dev.trawl.store.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** RFC 4180 cells: commas separate, double quotes enclose a cell that holds commas, quotes ("") or line breaks. */
final class Csv {
    private Csv() {
    }

    /**
     * The cells of one record, from its UTF-8 bytes {@code text[0, size)}, or null when a quoted cell is still
     * open (the record goes on on the next line). A quote opens a quoted part only at the start of a cell;
     * anywhere else it is text, and so is anything after a quoted part's closing quote up to the next comma.
     * Cutting bytes gives the cells of the decoded text: quotes and commas are ASCII, and no byte of a UTF-8
     * sequence for another character is. Each cell is an array of its own.
     */
    static List<byte[]> split(byte[] text, int size) {
        List<byte[]> cells = new ArrayList<>();
        int i = 0;
        while (true) {
            byte[] cell;
            if (i < size && text[i] == '"') {
                // The quoted part, its "" pairs made one quote each, then any text after it up to a comma.
                java.io.ByteArrayOutputStream quoted = null;
                int from = ++i;
                while (true) {
                    i = ByteScan.indexOf(text, i, size, (byte) '"');
                    if (i >= size) {
                        return null;
                    }
                    if (i + 1 < size && text[i + 1] == '"') {
                        if (quoted == null) {
                            quoted = new java.io.ByteArrayOutputStream(size - from);
                        }
                        quoted.write(text, from, i + 1 - from);
                        i += 2;
                        from = i;
                        continue;
                    }
                    break;
                }
                int close = i;
                int tail = ++i;
                i = ByteScan.indexOf(text, i, size, (byte) ',');
                if (quoted == null && tail == i) {
                    cell = Arrays.copyOfRange(text, from, close);
                } else {
                    if (quoted == null) {
                        quoted = new java.io.ByteArrayOutputStream(close - from + i - tail);
                    }
                    quoted.write(text, from, close - from);
                    quoted.write(text, tail, i - tail);
                    cell = quoted.toByteArray();
                }
            } else {
                int from = i;
                i = ByteScan.indexOf(text, i, size, (byte) ',');
                cell = Arrays.copyOfRange(text, from, i);
            }
            cells.add(cell);
            if (i >= size) {
                return cells;
            }
            i++;
        }
    }
}
