package dev.trawl.kql.golden;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import dev.trawl.kql.syntax.ParseResult;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * {@code error}: the query must be rejected, and the expected section is every diagnostic rendered by
 * {@link DiagnosticRenderer}, in order, one after the other — what the CLI prints. Today only the parser
 * runs; when the binder lands it runs after a clean parse, so recorded syntax errors stay as they are.
 */
public final class ErrorBlockKind implements BlockKind {
    @Override
    public String expected(KqlTestBlock block) {
        SourceText source = new SourceText(GoldenRunner.SOURCE_NAME, block.query());
        ParseResult result = Parser.parse(source);
        if (result.ok()) {
            throw new AssertionFailedError("an error block, but the query has no error diagnostic"
                    + (result.diagnostics().isEmpty() ? "" : "; it has:\n" + render(source, result.diagnostics())));
        }
        return render(source, result.diagnostics());
    }

    /** Diagnostics as the CLI prints them: each rendering in turn (each ends with a newline, none has a blank line). */
    public static String render(SourceText source, List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            out.append(DiagnosticRenderer.render(source, diagnostic));
        }
        return out.toString();
    }
}
