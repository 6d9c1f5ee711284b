package dev.trawl.kql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trawl.kql.SharedData;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every documented Kusto example and every real hunting query must parse (minus the genuinely invalid ones). */
class CorpusParseTest {

    /**
     * Corpus queries that are not valid KQL as published, each with the offending text. They stay in
     * the corpus because real rule collections contain them; Trawl must reject them with a diagnostic.
     */
    static final Map<String, String> INVALID_CORPUS_QUERIES = new LinkedHashMap<>();

    static {
        INVALID_CORPUS_QUERIES.put("reprise99-Sentinel-Queries/Defender for Cloud Apps/DCA-ExtractPhoneNumber.kql#0",
                "a template placeholder, not a date: `datetime(\"Insert date\")`");
        INVALID_CORPUS_QUERIES.put("reprise99-Sentinel-Queries/Workbooks/365DaysofKQL-Day100.kql#0",
                "an Azure workbook's JSON, not KQL: it begins `{ \"version\": \"Notebook/1.0\", \"items\": [`");
    }

    private int multiQueryDocuments;

    private static boolean hasQueryAfterQuery(ParseResult result) {
        for (Diagnostic d : result.diagnostics()) {
            if (d.code().equals(dev.trawl.kql.diag.DiagnosticCode.QUERY_AFTER_QUERY.code())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyConformanceQueryParses() {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (SharedData.Entry entry : SharedData.conformanceCases()) {
            count++;
            String query = entry.text("query");
            ParseResult result = Parser.parse(new SourceText("cases.jsonl:" + entry.line(), query));
            if (!result.ok()) {
                failures.add(render(result, entry.text("title")));
            }
        }
        assertTrue(count >= 817, "conformance cases found: " + count);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + count + " conformance queries do not parse:\n\n"
                    + String.join("\n", failures));
        }
    }

    @Test
    void everyCorpusQueryParsesExceptTheListedInvalidOnes() {
        List<String> failures = new ArrayList<>();
        List<String> unexpectedlyValid = new ArrayList<>();
        int count = 0;
        for (SharedData.Entry entry : SharedData.corpusQueries()) {
            count++;
            String id = entry.text("id");
            SourceText text = new SourceText(id, entry.text("query"));
            ParseResult result = Parser.parse(text);
            boolean ok = result.ok();
            if (!ok && hasQueryAfterQuery(result)) {
                // Several queries kept in one text, separated by blank lines: Kusto rejects the text as a
                // whole (asserted here), and each query must parse on its own.
                multiQueryDocuments++;
                ok = true;
                for (QueryDocuments.Piece piece : QueryDocuments.split(text)) {
                    ParseResult pieceResult = Parser.parse(piece.source());
                    if (!pieceResult.ok()) {
                        ok = false;
                        result = pieceResult;
                        break;
                    }
                }
            }
            boolean listed = INVALID_CORPUS_QUERIES.containsKey(id);
            if (!ok && !listed) {
                failures.add(render(result, id));
            } else if (ok && listed) {
                unexpectedlyValid.add(id);
            }
        }
        assertEquals(523, count, "corpus size");
        System.out.println("corpus: " + count + " queries, " + multiQueryDocuments
                + " of them texts holding several queries; " + INVALID_CORPUS_QUERIES.size() + " listed invalid");
        assertTrue(unexpectedlyValid.isEmpty(), "listed as invalid but parse: " + unexpectedlyValid);
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + count + " corpus queries do not parse:\n\n" + String.join("\n", failures));
        }
    }

    private static String render(ParseResult result, String label) {
        StringBuilder out = new StringBuilder("== ").append(label).append('\n');
        for (Diagnostic d : result.diagnostics()) {
            out.append(DiagnosticRenderer.render(result.source(), d));
        }
        return out.toString();
    }
}
