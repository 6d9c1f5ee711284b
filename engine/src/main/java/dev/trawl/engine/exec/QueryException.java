package dev.trawl.engine.exec;

import dev.trawl.kql.diag.Diagnostic;
import java.util.List;

/** A query that could not run: its diagnostics say why (syntax, binding, or a runtime limit). */
public final class QueryException extends RuntimeException {
    private final transient List<Diagnostic> diagnostics;

    public QueryException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "query failed" : diagnostics.get(0).code() + ": " + diagnostics.get(0).message());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
