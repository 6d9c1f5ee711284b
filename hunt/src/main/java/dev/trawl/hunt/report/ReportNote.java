package dev.trawl.hunt.report;

import java.util.Objects;

/** A remark the analyst should read with the results: a lint finding, a data gap, a tuning hint. */
public record ReportNote(Severity severity, String source, String message) {
    /** How much a note matters; the report orders and colours notes by it. */
    public enum Severity {
        INFO, WARNING, ERROR
    }

    /** Requires all three; the source (e.g. "lint", "ingest") may be empty. */
    public ReportNote {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }
}
