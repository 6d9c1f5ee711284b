package dev.trawl.cli;

import dev.trawl.cli.QueryInput.Query;
import dev.trawl.cli.QueryInput.Unreadable;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import java.io.PrintWriter;
import java.util.List;

/** The human format: every diagnostic as {@link DiagnosticRenderer} draws it, then one summary line. */
final class TextReport implements CheckReport {
    private final PrintWriter out;

    TextReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void checked(Query query, List<Diagnostic> diagnostics) {
        for (String warning : query.warnings()) {
            out.print("warning: " + warning + "\n\n");
        }
        for (Diagnostic diagnostic : diagnostics) {
            Located located = Located.of(query, diagnostic);
            out.print(DiagnosticRenderer.render(located.source(), located.diagnostic()));
            out.print('\n');
        }
    }

    @Override
    public void unreadable(Unreadable query) {
        out.print("error: " + query.message() + "\n\n");
    }

    @Override
    public void inputWarning(String message) {
        out.print("warning: " + message + "\n\n");
    }

    @Override
    public void finish(Tally tally) {
        out.print(tally.summary() + "\n");
    }
}
