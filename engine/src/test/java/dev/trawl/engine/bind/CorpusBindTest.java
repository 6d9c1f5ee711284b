package dev.trawl.engine.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.kql.bind.Binder;
import dev.trawl.kql.bind.BuiltinTables;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.ParseResult;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.QueryDocuments;
import dev.trawl.kql.syntax.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's bar: every real hunting query that reads only CloudAppEvents and/or OfficeActivity binds
 * against the built-in schemas and the function registry without error.
 */
class CorpusBindTest {
    private static Path shared() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/corpus"))) {
                return dir.resolve("shared");
            }
        }
        throw new IllegalStateException("no shared/ folder beside the checkout");
    }

    /**
     * How many pieces of corpus text name CloudAppEvents or OfficeActivity and read no other table. Pinned so
     * that a query cannot drop out of the bar unnoticed (by an error that looks like a missing table); it
     * changes only when the corpus or the built-in tables do. (Two BigYellowTaxi rules counted among the
     * 149 while an unknown function hid that they also read AADSignInEventsBeta and SigninLogs; and a guest-domain
     * OfficeActivity hunt was left out while '| as T' did not bind, its 'T' taken for another table.)
     */
    static final int QUERIES_OVER_THE_BUILT_IN_TABLES = 148;

    @Test
    void everyCorpusQueryOverTheBuiltInTablesBinds() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int considered = 0;
        int otherTables = 0;
        for (String line : Files.readAllLines(shared().resolve("corpus/queries.jsonl"))) {
            JsonNode entry = json.readTree(line);
            String id = entry.get("id").asText();
            String text = entry.get("query").asText();
            if (!text.contains("CloudAppEvents") && !text.contains("OfficeActivity")) {
                continue;
            }
            for (QueryDocuments.Piece piece : QueryDocuments.split(new SourceText(id, text))) {
                ParseResult parsed = Parser.parse(piece.source());
                if (!parsed.ok()) {
                    continue;
                }
                Binder.Result result = new Binder(FunctionRegistry.standard(), BuiltinTables.instance())
                        .bind(parsed.script());
                // A query that reads another table is out of this bar (some of those are also function
                // bodies whose parameters are not declared); the pinned count keeps the rest from leaving it.
                if (result.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR
                        && d.message().endsWith("is not a table in scope"))) {
                    otherTables++;
                    continue;
                }
                considered++;
                if (!result.ok()) {
                    StringBuilder why = new StringBuilder("== " + id + "\n");
                    for (Diagnostic d : result.diagnostics()) {
                        why.append(DiagnosticRenderer.render(piece.source(), d));
                    }
                    failures.add(why.toString());
                }
            }
        }
        System.out.println("corpus queries over CloudAppEvents/OfficeActivity only: " + considered + ", bind: "
                + (considered - failures.size()) + "; " + otherTables + " more read other tables too");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + considered + " do not bind:\n" + String.join("\n", failures));
        }
        assertEquals(QUERIES_OVER_THE_BUILT_IN_TABLES, considered);
    }
}
