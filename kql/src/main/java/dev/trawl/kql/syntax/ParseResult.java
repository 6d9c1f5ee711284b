package dev.trawl.kql.syntax;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.ast.Script;
import java.util.List;
import java.util.Objects;

/** A parsed query: the tree (always present, with error nodes where the text was unreadable) and every diagnostic. */
public record ParseResult(SourceText source, Script script, List<Diagnostic> diagnostics) {
    public ParseResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(script, "script");
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when no diagnostic is an error. */
    public boolean ok() {
        for (Diagnostic d : diagnostics) {
            if (d.severity() == Severity.ERROR) {
                return false;
            }
        }
        return true;
    }
}
