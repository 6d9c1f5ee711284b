package dev.trawl.engine.bind;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.kql.bind.Binder;
import dev.trawl.kql.bind.BuiltinTables;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
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
    /**
     * Queries that do not bind yet, each with why. Not a whitelist of accepted failures: issue 3 needs this
     * list empty. A listed query that starts binding fails the test, so the list only shrinks.
     */
    static final java.util.Map<String, String> KNOWN_GAPS = java.util.Map.ofEntries(
            java.util.Map.entry("reprise99-Sentinel-Queries/Defender for Cloud Apps/DCA-FindAzureADAdminActions.kql#0",
                    "`IsAdminOperation == \"true\"`: a bool compared with a string; Kusto's rule for it is not documented"),
            java.util.Map.entry("reprise99-Sentinel-Queries/Defender for Cloud Apps/DCA-PivotTableAdminOperations.kql#0",
                    "`== \"true\"` on a bool column; Kusto's rule for it is not documented"),
            java.util.Map.entry("reprise99-Sentinel-Queries/Office 365/OfficeActivity-DetectUsermadeOwneronmultipleTeams.kql#0",
                    "`RoleAdded == 2`: a string compared with a number; Kusto's rule for it is not documented"));

    private static Path shared() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/corpus"))) {
                return dir.resolve("shared");
            }
        }
        throw new IllegalStateException("no shared/ folder beside the checkout");
    }

    @Test
    void everyCorpusQueryOverTheBuiltInTablesBinds() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int considered = 0;
        int bound = 0;
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
                boolean otherTables = result.diagnostics().stream()
                        .anyMatch(d -> d.message().endsWith("is not a table in scope"));
                if (otherTables) {
                    continue;
                }
                considered++;
                if (result.ok()) {
                    bound++;
                    if (KNOWN_GAPS.containsKey(id)) {
                        failures.add("== " + id + " binds now: remove it from KNOWN_GAPS\n");
                    }
                } else if (KNOWN_GAPS.containsKey(id)) {
                    System.out.println("known gap " + id + ": " + result.diagnostics().get(0).message());
                } else {
                    StringBuilder why = new StringBuilder("== " + id + "\n");
                    for (Diagnostic d : result.diagnostics()) {
                        why.append(DiagnosticRenderer.render(piece.source(), d));
                    }
                    failures.add(why.toString());
                }
            }
        }
        System.out.println("corpus queries over CloudAppEvents/OfficeActivity only: " + considered + ", bind: " + bound
                + ", known gaps: " + KNOWN_GAPS.size() + " queries");
        assertTrue(considered > 20, "found " + considered);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + considered + " do not bind:\n" + String.join("\n", failures));
        }
    }
}
