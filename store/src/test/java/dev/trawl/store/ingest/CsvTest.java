package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvTest {
    /**
     * The cutter, over UTF-8 bytes, against the rule read one character at a time (how it was first written):
     * the same cells, or the same "still open", for random texts made of the characters that matter.
     */
    @Test
    void cellsAreThoseOfTheRuleReadCharacterByCharacter() {
        Random random = new Random(3);
        String[] pieces = {"a", "bc", ",", "\"", "\"\"", "\n", "é", " "};
        int open = 0;
        for (int t = 0; t < 20_000; t++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(14);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<String> expected = byCharacter(text);
            open += expected == null ? 1 : 0;
            assertEquals(expected, cells(text.toString()), "[" + text + "]");
        }
        assertEquals(true, open > 1000 && open < 15_000, open + " of the texts were left open");
    }

    /** The cutter's cells of the text's UTF-8 bytes, decoded (null when a quoted cell is left open). */
    static List<String> cells(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Framed in a larger array: the cutter reads only [0, size).
        byte[] framed = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        framed[bytes.length] = ',';
        framed[bytes.length + 1] = '"';
        List<byte[]> cells = Csv.split(framed, bytes.length);
        if (cells == null) {
            return null;
        }
        List<String> decoded = new ArrayList<>();
        for (byte[] cell : cells) {
            decoded.add(new String(cell, java.nio.charset.StandardCharsets.UTF_8));
        }
        return decoded;
    }

    private static List<String> byCharacter(CharSequence text) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && cell.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        cells.add(cell.toString());
        return cells;
    }
}
