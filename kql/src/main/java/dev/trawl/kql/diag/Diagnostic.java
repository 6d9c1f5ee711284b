package dev.trawl.kql.diag;

import dev.trawl.kql.syntax.Span;
import java.util.List;
import java.util.Objects;

/**
 * A problem found in a query: a stable code ({@code KQL1xxx} syntax, {@code 2xxx} binding, {@code 3xxx}
 * runtime, {@code 4xxx} ingest, {@code 5xxx} lint), where it is, what is wrong, and optionally how to fix it.
 */
public record Diagnostic(String code, Severity severity, Span span, String message, List<String> notes, String help) {
    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        notes = List.copyOf(notes);
    }

    public static Diagnostic error(DiagnosticCode code, Span span, String message) {
        return new Diagnostic(code.code(), Severity.ERROR, span, message, List.of(), null);
    }

    public Diagnostic withHelp(String newHelp) {
        return new Diagnostic(code, severity, span, message, notes, newHelp);
    }

    public Diagnostic withNote(String note) {
        var all = new java.util.ArrayList<>(notes);
        all.add(note);
        return new Diagnostic(code, severity, span, message, all, help);
    }
}
