package dev.trawl.kql.diag;

import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.Span;

/**
 * The one renderer for diagnostics, in the form
 * <pre>
 * error[KQL2001]: message
 *  --&gt; file.kql:1:20
 *   |
 * 1 | source line
 *   |     ^^^^^^
 *   = help: ...
 * </pre>
 * A span that runs over several lines is underlined to the end of its first line.
 */
public final class DiagnosticRenderer {
    /** Source lines longer than this are cut around the span so a 10 MB one-line query stays readable. */
    private static final int MAX_SHOWN_LINE = 160;

    private DiagnosticRenderer() {
    }

    public static String render(SourceText source, Diagnostic diagnostic) {
        Span span = diagnostic.span();
        int line = source.line(span.start());
        int column = source.column(span.start());
        String gutter = Integer.toString(line);
        String pad = " ".repeat(gutter.length());
        StringBuilder out = new StringBuilder();
        out.append(diagnostic.severity().label()).append('[').append(diagnostic.code()).append("]: ")
                .append(diagnostic.message()).append('\n');
        out.append(pad).append("--> ").append(source.name()).append(':').append(line).append(':').append(column)
                .append('\n');
        String text = source.lineText(line);
        int caretStart = column - 1;
        int caretLength;
        int lineEnd = source.lineStart(line) + text.length();
        if (span.end() <= lineEnd) {
            caretLength = Math.max(1, span.end() - span.start());
        } else {
            caretLength = Math.max(1, lineEnd - span.start());
        }
        if (text.length() > MAX_SHOWN_LINE) {
            int from = Math.max(0, caretStart - 40);
            int to = Math.min(text.length(), Math.max(caretStart + Math.min(caretLength, 80), from + 80) + 40);
            String prefix = from > 0 ? "..." : "";
            String suffix = to < text.length() ? "..." : "";
            text = prefix + text.substring(from, to) + suffix;
            caretStart = caretStart - from + prefix.length();
            caretLength = Math.min(caretLength, to - (column - 1));
            caretLength = Math.max(1, caretLength);
        }
        out.append(pad).append(" |\n");
        out.append(gutter).append(" | ").append(printable(text)).append('\n');
        out.append(pad).append(" | ").append(caretIndent(text, caretStart)).append("^".repeat(caretLength))
                .append('\n');
        for (String note : diagnostic.notes()) {
            out.append(pad).append(" = note: ").append(note).append('\n');
        }
        if (diagnostic.help() != null) {
            out.append(pad).append(" = help: ").append(diagnostic.help()).append('\n');
        }
        return out.toString();
    }

    /**
     * The indent under the source line: tabs stay tabs, and East Asian wide characters take two cells,
     * so the caret lines up in a terminal.
     */
    private static String caretIndent(String text, int count) {
        StringBuilder indent = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c == '\t') {
                indent.append('\t');
            } else if (Character.isLowSurrogate(c)) {
                continue;
            } else {
                indent.append(isWide(i < text.length() ? text.codePointAt(i) : ' ') ? "  " : " ");
            }
        }
        return indent.toString();
    }

    private static boolean isWide(int codePoint) {
        return (codePoint >= 0x1100 && codePoint <= 0x115F) || (codePoint >= 0x2E80 && codePoint <= 0xA4CF)
                || (codePoint >= 0xAC00 && codePoint <= 0xD7A3) || (codePoint >= 0xF900 && codePoint <= 0xFAFF)
                || (codePoint >= 0xFE30 && codePoint <= 0xFE4F) || (codePoint >= 0xFF00 && codePoint <= 0xFF60)
                || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6) || (codePoint >= 0x1F300 && codePoint <= 0x1FAFF)
                || (codePoint >= 0x20000 && codePoint <= 0x3FFFD);
    }

    /** Control characters would garble a terminal; show them as U+FFFD, one column each. */
    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7f;
            if (control && out == null) {
                out = new StringBuilder(text.length());
                out.append(text, 0, i);
            }
            if (out != null) {
                out.append(control ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
