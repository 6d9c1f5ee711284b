package dev.trawl.engine.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a documented output table: a GitHub-flavoured Markdown table (header row, separator row, data rows), or a
 * fenced code block holding a single value. Row shape follows GFM's rules, which is how the docs render: a short
 * row is padded with empty cells, cells beyond the header are dropped (with a warning when they are not empty).
 *
 * <p>Each cell goes through {@link Cells#markdownCell}. A row whose cells are all {@code ...} (or empty) marks
 * left-out rows; a header ending in a {@code ...} column marks left-out columns. See {@link ExpectedTable}.
 */
final class MarkdownTable {
    private static final Pattern SEPARATOR_CELL = Pattern.compile(":?-+:?");

    private MarkdownTable() {
    }

    static ExpectedTable parse(String markdown) throws ExpectedTableException {
        String text = markdown.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (text.isEmpty()) {
            throw new ExpectedTableException("the documented output is empty");
        }
        if (text.startsWith("```")) {
            return fenced(text);
        }
        List<String> lines = text.lines().toList();
        int headerLine = 0;
        while (headerLine < lines.size() && !lines.get(headerLine).contains("|")) {
            headerLine++;
        }
        if (headerLine >= lines.size()) {
            throw new ExpectedTableException("no table row (no '|') in the documented output");
        }
        List<String> warnings = new ArrayList<>();
        if (headerLine > 0) {
            warnings.add("text before the table ignored: " + lines.get(0).strip());
        }
        if (headerLine + 1 >= lines.size() || !isSeparator(lines.get(headerLine + 1))) {
            throw new ExpectedTableException("the header row is not followed by a separator row (|---|---|)");
        }
        List<String> header = cells(lines.get(headerLine)).stream().map(Cells::markdownCell)
                .map(MarkdownTable::unescapeName).toList();
        int separatorWidth = cells(lines.get(headerLine + 1)).size();
        if (separatorWidth != header.size()) {
            warnings.add("the separator row has " + separatorWidth + " cells for " + header.size() + " header cells");
        }
        boolean columnsAbbreviated = false;
        int width = header.size();
        if (width > 0 && Cells.isEllipsis(header.get(width - 1))) {
            columnsAbbreviated = true;
            width--;
            while (width > 0 && Cells.isEllipsis(header.get(width - 1))) {
                width--;
            }
        }
        List<String> columns = header.subList(0, width);

        List<List<String>> head = new ArrayList<>();
        List<List<String>> tail = new ArrayList<>();
        boolean rowsAbbreviated = false;
        int line = headerLine + 2;
        for (; line < lines.size(); line++) {
            String rowText = lines.get(line);
            if (rowText.isBlank() || !rowText.contains("|")) {
                break;
            }
            List<String> raw = cells(rowText).stream().map(Cells::markdownCell).toList();
            if (isEllipsisRow(raw)) {
                rowsAbbreviated = true;
                if (!tail.isEmpty()) {
                    tail.clear(); // rows between two "..." rows say nothing about where they sit
                }
                continue;
            }
            List<String> row = new ArrayList<>(raw.subList(0, Math.min(raw.size(), width)));
            for (int c = width; c < raw.size(); c++) {
                if (!raw.get(c).isEmpty() && !(columnsAbbreviated && Cells.isEllipsis(raw.get(c)))) {
                    warnings.add("row " + (head.size() + tail.size() + 1) + " has " + raw.size() + " cells for "
                            + header.size() + " columns; '" + raw.get(c) + "' dropped");
                    break;
                }
            }
            while (row.size() < width) {
                row.add("");
            }
            (rowsAbbreviated ? tail : head).add(row);
        }
        for (; line < lines.size(); line++) {
            if (!lines.get(line).isBlank()) {
                warnings.add("text after the table ignored: " + lines.get(line).strip());
                break;
            }
        }
        return new ExpectedTable(ExpectedTable.Form.TABLE, columns, columnsAbbreviated, head, tail, rowsAbbreviated,
                warnings);
    }

    /** A fenced block ({@code ```} or {@code ```json}): one value, the whole block's content. */
    private static ExpectedTable fenced(String text) throws ExpectedTableException {
        int firstNewline = text.indexOf('\n');
        int close = text.lastIndexOf("```");
        if (firstNewline < 0 || close <= firstNewline) {
            throw new ExpectedTableException("an unterminated fenced block");
        }
        List<String> warnings = new ArrayList<>();
        String after = text.substring(close + 3).strip();
        if (!after.isEmpty()) {
            warnings.add("text after the fenced block ignored");
        }
        return ExpectedTable.singleValue(text.substring(firstNewline + 1, close).strip(), warnings);
    }

    static boolean isSeparator(String line) {
        List<String> cells = cells(line);
        if (cells.isEmpty()) {
            return false;
        }
        for (String cell : cells) {
            if (!SEPARATOR_CELL.matcher(cell.strip()).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEllipsisRow(List<String> cells) {
        boolean any = false;
        for (String cell : cells) {
            if (Cells.isEllipsis(cell)) {
                any = true;
            } else if (!cell.isEmpty()) {
                return false;
            }
        }
        return any;
    }

    /**
     * The raw cells of a row: without the optional leading and trailing pipe, split at pipes that are not escaped
     * as {@code \|}. Cells are not trimmed or unescaped here.
     */
    static List<String> cells(String line) {
        String s = line.strip();
        if (s.startsWith("|")) {
            s = s.substring(1);
        }
        if (s.endsWith("|") && !s.endsWith("\\|")) {
            s = s.substring(0, s.length() - 1);
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '|') {
                cell.append("\\|");
                i++;
            } else if (c == '|') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /**
     * Column names are plain words, so a backslash before Markdown punctuation in a header ({@code
     * series\_periods\_detect}) is the docs' escaping, not part of the name. Data cells keep theirs.
     */
    static String unescapeName(String name) {
        return name.replace("\\_", "_").replace("\\*", "*");
    }
}
