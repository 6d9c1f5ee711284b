package dev.trawl.kql.syntax;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Hunting-query collections often keep several queries in one text, separated by blank lines and not by
 * {@code ;}, because query editors run the query under the cursor. Kusto itself reads such a text as one
 * query and rejects it ({@link DiagnosticCode#QUERY_AFTER_QUERY}); this class splits it where the parser
 * saw a new statement begin after a blank line, so each query can be checked on its own.
 */
public final class QueryDocuments {
    private QueryDocuments() {
    }

    /** One query of a document and the offset of its first character in the document. */
    public record Piece(SourceText source, int offset) {
    }

    /** The queries of a document; a text with no such boundary is one piece. */
    public static List<Piece> split(SourceText document) {
        List<Piece> pieces = new ArrayList<>();
        String text = document.text();
        int start = 0;
        int guard = 0;
        while (guard++ < 10_000) {
            String rest = text.substring(start);
            ParseResult result = Parser.parse(new SourceText(document.name(), rest));
            int cut = -1;
            for (Diagnostic diagnostic : result.diagnostics()) {
                if (diagnostic.code().equals(DiagnosticCode.QUERY_AFTER_QUERY.code())) {
                    cut = diagnostic.span().start();
                    break;
                }
            }
            if (cut <= 0) {
                pieces.add(piece(document, start, text.length(), pieces.size()));
                return pieces;
            }
            int lineStart = new SourceText(document.name(), rest).lineStart(result.source().line(cut));
            pieces.add(piece(document, start, start + lineStart, pieces.size()));
            start += lineStart;
        }
        pieces.add(piece(document, start, text.length(), pieces.size()));
        return pieces;
    }

    private static Piece piece(SourceText document, int from, int to, int number) {
        return new Piece(new SourceText(document.name() + " (query " + (number + 1) + ")",
                document.text().substring(from, to)), from);
    }
}
