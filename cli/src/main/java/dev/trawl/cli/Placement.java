package dev.trawl.cli;

import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.Span;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the lines of a query taken out of a larger file (a rule's {@code query: |} block, a Markdown fence)
 * sit in that file: query line {@code n} is file line {@code firstLine + n - 1}, shifted right by
 * {@code indent} columns. Diagnostics are then reported at file lines and columns, so an editor can jump to
 * them. A placement is only made after every query line was compared with its file line, so a mapped
 * position is never a guess; when the comparison fails (a folded {@code >} scalar, a quoted value with
 * escapes) the query has no placement and its positions are reported relative to the query.
 */
final class Placement {
    private final SourceText file;
    private final SourceText query;
    private final int firstLine;
    private final int indent;
    /** The last query line with a file counterpart: a query ending in a newline has an empty line after it. */
    private final int lastMappedLine;

    private Placement(SourceText file, SourceText query, int firstLine, int indent, int lastMappedLine) {
        this.file = file;
        this.query = query;
        this.firstLine = firstLine;
        this.indent = indent;
        this.lastMappedLine = lastMappedLine;
    }

    /**
     * The placement of {@code query} at 1-based {@code firstLine} and {@code indent} columns in {@code file},
     * if every query line is found there.
     */
    static Optional<Placement> find(SourceText file, SourceText query, int firstLine, int indent) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(query, "query");
        if (query.length() == 0 || firstLine < 1 || indent < 0) {
            return Optional.empty();
        }
        int lines = query.lineCount();
        if (lines > 1 && query.lineText(lines).isEmpty()) {
            lines--;
        }
        if (firstLine + lines - 1 > file.lineCount()) {
            return Optional.empty();
        }
        for (int line = 1; line <= lines; line++) {
            if (!matches(query.lineText(line), file.lineText(firstLine + line - 1), indent)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Placement(file, query, firstLine, indent, lines));
    }

    private static boolean matches(String queryLine, String fileLine, int indent) {
        if (queryLine.isEmpty()) {
            return fileLine.isBlank();
        }
        return fileLine.length() == indent + queryLine.length()
                && fileLine.substring(0, indent).isBlank()
                && fileLine.startsWith(queryLine, indent);
    }

    /** The whole file, named as the user named it; spans from {@link #toFile} index into it. */
    SourceText file() {
        return file;
    }

    /** The span in the file that holds the given span of the query. */
    Span toFile(Span querySpan) {
        int start = toFile(querySpan.start());
        return new Span(start, Math.max(start, toFile(querySpan.end())));
    }

    private int toFile(int queryOffset) {
        int line = query.line(queryOffset);
        if (line > lastMappedLine) {
            // The empty line after the query's final newline is not in the file; its end is the end of the
            // query's last line, which is where "expected ... at end of query" belongs.
            int fileLine = firstLine + lastMappedLine - 1;
            return file.lineStart(fileLine) + file.lineText(fileLine).length();
        }
        int fileLine = firstLine + line - 1;
        int column = indent + query.column(queryOffset) - 1;
        return file.lineStart(fileLine) + Math.min(column, file.lineText(fileLine).length());
    }
}
