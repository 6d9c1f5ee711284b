package dev.trawl.hunt.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.hunt.TestFiles;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import dev.trawl.kql.syntax.QueryDocuments;
import dev.trawl.kql.syntax.SourceText;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The linter over the 523 real hunting queries of the corpus: it must never fail on one, and each check's
 * number of findings is pinned to an upper bound, so a change that makes a check noisy fails here. The
 * bounds are the counts measured when the checks were written, after reading a sample of each by hand
 * (the report lists them); lower them when a check gets quieter, raise them only with a reason.
 */
class LintCorpusTest {
    /**
     * Upper bounds on findings per code over the corpus; a code not listed must not occur. Read by hand:
     * KQL5001, 5002 (percentthreshold) and 5003 are the seed rule's own copy in the corpus; the other 5002
     * is a server list whose only use is a commented-out filter (SuspiciousEnumerationUsingAdfind). The
     * KQL5004 joins have left sides such as EmailUrlInfo (one row per URL of a message) or an earlier join's
     * output joined on NetworkMessageId, AlertId or DeviceId, where several left rows per key are the
     * normal case. Of the binder's, KQL2009 is the binder's own warning (IsAdminOperation == "true"). The
     * three {@code table(tableName)} calls of a function parameter resolve to tables Trawl has no schema for
     * (SigninLogs...), so they give no finding.
     * The KQL1xxx are syntax errors and parser warnings in the texts as published.
     */
    private static final Map<String, Integer> BOUNDS = Map.ofEntries(
            Map.entry("KQL5001", 1),
            Map.entry("KQL5002", 2),
            Map.entry("KQL5003", 1),
            Map.entry("KQL5004", 28),
            Map.entry("KQL2009", 4),
            Map.entry("KQL1006", 1),
            Map.entry("KQL1011", 1),
            Map.entry("KQL1023", 2));

    @Test
    void findingsPerCheckOverTheCorpusStayWithinTheirBounds() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(TestFiles.sharedFolder().resolve("corpus/queries.jsonl"));
        assertEquals(523, lines.size(), "the corpus this bar was measured on");
        Map<String, Integer> counts = new TreeMap<>();
        StringBuilder sample = new StringBuilder();
        for (String line : lines) {
            JsonNode entry = json.readTree(line);
            SourceText text = new SourceText(entry.get("id").asText(), entry.get("query").asText());
            // A corpus text may hold several queries separated by blank lines; each is linted on its own.
            for (QueryDocuments.Piece piece : QueryDocuments.split(text)) {
                for (Diagnostic finding : RuleLinter.lint(piece.source())) {
                    counts.merge(finding.code(), 1, Integer::sum);
                    if (System.getenv("TRAWL_LINT_SAMPLE") != null && finding.code().startsWith(System.getenv("TRAWL_LINT_SAMPLE"))) {
                        sample.append(DiagnosticRenderer.render(piece.source(), finding)).append('\n');
                    }
                }
            }
        }
        System.out.println("lint findings over the corpus: " + counts);
        // The seed's copy in the corpus must be among them, or the checks have gone blind.
        assertTrue(counts.getOrDefault("KQL5001", 0) >= 1 && counts.getOrDefault("KQL5003", 0) >= 1, counts.toString());
        System.out.print(sample);
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            String code = count.getKey();
            assertTrue(BOUNDS.containsKey(code), code + " occurs " + count.getValue() + " times and has no bound");
            assertTrue(count.getValue() <= BOUNDS.get(code),
                    code + ": " + count.getValue() + " findings over the corpus, bound " + BOUNDS.get(code));
        }
    }
}
