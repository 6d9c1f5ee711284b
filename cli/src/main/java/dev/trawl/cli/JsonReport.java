package dev.trawl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.cli.QueryInput.Query;
import dev.trawl.cli.QueryInput.Unreadable;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.SourceText;
import java.io.PrintWriter;
import java.util.List;

/**
 * The machine format: one JSON object per query per line, and nothing else on standard output:
 * <pre>
 * {"id":..., "ok":true|false, "diagnostics":[{"code","severity","line","column","endLine","endColumn","message","help"}]}
 * </pre>
 * Positions are 1-based and the same as the text format's ({@code endColumn} is the column just after the
 * last character). A diagnostic with notes has a {@code notes} array. A query read with a warning (a
 * flattened rule) has a {@code warnings} array of messages; a query that could not be read at all has
 * {@code "ok":false}, an {@code error} message and no diagnostics. Warnings about a whole input (a Markdown
 * file without KQL blocks) go to standard error.
 */
final class JsonReport implements CheckReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;

    JsonReport(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void checked(Query query, List<Diagnostic> diagnostics) {
        ObjectNode object = JSON.createObjectNode();
        object.put("id", query.id());
        object.put("ok", diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR));
        ArrayNode array = object.putArray("diagnostics");
        for (Diagnostic diagnostic : diagnostics) {
            array.add(toJson(Located.of(query, diagnostic)));
        }
        if (!query.warnings().isEmpty()) {
            ArrayNode warnings = object.putArray("warnings");
            query.warnings().forEach(warnings::add);
        }
        write(object);
    }

    static ObjectNode toJson(Located located) {
        SourceText source = located.source();
        Diagnostic diagnostic = located.diagnostic();
        ObjectNode object = JSON.createObjectNode();
        object.put("code", diagnostic.code());
        object.put("severity", diagnostic.severity().label());
        object.put("line", source.line(diagnostic.span().start()));
        object.put("column", source.column(diagnostic.span().start()));
        object.put("endLine", source.line(diagnostic.span().end()));
        object.put("endColumn", source.column(diagnostic.span().end()));
        object.put("message", diagnostic.message());
        object.put("help", diagnostic.help());
        if (!diagnostic.notes().isEmpty()) {
            ArrayNode notes = object.putArray("notes");
            diagnostic.notes().forEach(notes::add);
        }
        return object;
    }

    @Override
    public void unreadable(Unreadable query) {
        ObjectNode object = JSON.createObjectNode();
        object.put("id", query.id());
        object.put("ok", false);
        object.putArray("diagnostics");
        object.put("error", query.message());
        write(object);
    }

    @Override
    public void inputWarning(String message) {
        err.print("warning: " + message + "\n");
    }

    @Override
    public void finish(Tally tally) {
        // The summary is for people; standard output stays one JSON object per line.
    }

    private void write(ObjectNode object) {
        try {
            out.print(JSON.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new InternalFailure("could not write a JSON result", e);
        }
        out.print('\n');
    }
}
