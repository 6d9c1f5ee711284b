package dev.trawl.cli;

import dev.trawl.cli.QueryInput.Query;
import dev.trawl.cli.QueryInput.Unreadable;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.Span;
import java.util.List;

/** Where check's results go, one query at a time, in one output format. */
interface CheckReport {
    void checked(Query query, List<Diagnostic> diagnostics);

    void unreadable(Unreadable query);

    /** A problem with an input as a whole that belongs to no query. */
    void inputWarning(String message);

    void finish(Tally tally);

    /**
     * A diagnostic moved to where it is reported: into the query's file when the query has a placement,
     * else left in the query's own text.
     */
    record Located(SourceText source, Diagnostic diagnostic) {
        static Located of(Query query, Diagnostic diagnostic) {
            if (query.placement().isEmpty()) {
                return new Located(query.source(), diagnostic);
            }
            Placement placement = query.placement().get();
            Span span = placement.toFile(diagnostic.span());
            return new Located(placement.file(), new Diagnostic(diagnostic.code(), diagnostic.severity(), span,
                    diagnostic.message(), diagnostic.notes(), diagnostic.help()));
        }
    }

    /** The counts behind check's summary line and exit code. */
    final class Tally {
        private int queries;
        private int withErrors;
        private int errors;
        private int warnings;

        void add(Query query, List<Diagnostic> diagnostics) {
            queries++;
            int queryErrors = 0;
            for (Diagnostic diagnostic : diagnostics) {
                if (diagnostic.severity() == Severity.ERROR) {
                    queryErrors++;
                } else if (diagnostic.severity() == Severity.WARNING) {
                    warnings++;
                }
            }
            warnings += query.warnings().size();
            errors += queryErrors;
            if (queryErrors > 0) {
                withErrors++;
            }
        }

        void add(Unreadable query) {
            queries++;
            withErrors++;
            errors++;
        }

        void addWarning() {
            warnings++;
        }

        boolean anyErrors() {
            return withErrors > 0;
        }

        /** For example {@code checked 523 queries: 520 ok, 3 with errors (7 errors, 1 warning)}. */
        String summary() {
            return "checked " + count(queries, "query", "queries") + ": " + (queries - withErrors) + " ok, "
                    + withErrors + " with errors (" + count(errors, "error", "errors") + ", "
                    + count(warnings, "warning", "warnings") + ")";
        }

        private static String count(int n, String one, String many) {
            return n + " " + (n == 1 ? one : many);
        }
    }
}
