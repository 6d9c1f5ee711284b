package dev.trawl.cli;

import dev.trawl.hunt.TestFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.cli.QueryInput.Query;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.Span;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where reported diagnostics point and how they look. The diagnostics are built by hand (what the parser and
 * binder will produce), so positions and output shape are tested independently of the parser.
 */
class ReportTest {
    private static Query onlyQuery(String name, QuerySources.Kind kind, String text) {
        QuerySources.Read read = QuerySources.read(name, kind, text.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, read.queries().size(), read.toString());
        return (Query) read.queries().get(0);
    }

    /** A diagnostic on the first occurrence of {@code word} in the query. */
    private static Diagnostic at(Query query, String word) {
        int start = query.source().text().indexOf(word);
        assertTrue(start >= 0, word);
        return new Diagnostic("KQL2001", Severity.ERROR, new Span(start, start + word.length()),
                "'" + word + "' is not a column, table, variable or function in scope", List.of(),
                "did you mean 'Account'?");
    }

    private static String text(Query query, Diagnostic diagnostic) {
        StringWriter out = new StringWriter();
        new TextReport(new PrintWriter(out)).checked(query, List.of(diagnostic));
        return out.toString();
    }

    private static JsonNode json(Query query, Diagnostic diagnostic) throws Exception {
        StringWriter out = new StringWriter();
        new JsonReport(new PrintWriter(out), new PrintWriter(new StringWriter())).checked(query, List.of(diagnostic));
        assertTrue(out.toString().endsWith("}\n") && out.toString().indexOf('\n') == out.toString().length() - 1,
                "one line");
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void aQueryFileIsRenderedAsIs() {
        Query query = onlyQuery("hunt.kql", QuerySources.Kind.QUERY, "SigninLogs | where Acount == \"x\"\n");

        assertEquals("""
                error[KQL2001]: 'Acount' is not a column, table, variable or function in scope
                 --> hunt.kql:1:20
                  |
                1 | SigninLogs | where Acount == "x"
                  |                    ^^^^^^
                  = help: did you mean 'Account'?

                """, text(query, at(query, "Acount")));
    }

    @Test
    void aRuleQueryIsReportedAtItsFileLineAndColumn() throws Exception {
        Query query = onlyQuery("rule.yaml", QuerySources.Kind.RULE, """
                id: 1
                name: Test
                description: |
                  Finds things.
                query: |
                  SigninLogs
                  | where Acount == "x"
                severity: Low
                """);

        assertEquals("""
                error[KQL2001]: 'Acount' is not a column, table, variable or function in scope
                 --> rule.yaml:7:11
                  |
                7 |   | where Acount == "x"
                  |           ^^^^^^
                  = help: did you mean 'Account'?

                """, text(query, at(query, "Acount")));
        JsonNode object = json(query, at(query, "Acount"));
        assertEquals("rule.yaml", object.get("id").asText());
        assertEquals(false, object.get("ok").asBoolean());
        JsonNode diagnostic = object.get("diagnostics").get(0);
        assertEquals(List.of("code", "severity", "line", "column", "endLine", "endColumn", "message", "help"),
                fieldNames(diagnostic));
        assertEquals("KQL2001", diagnostic.get("code").asText());
        assertEquals("error", diagnostic.get("severity").asText());
        assertEquals(7, diagnostic.get("line").asInt());
        assertEquals(11, diagnostic.get("column").asInt());
        assertEquals(7, diagnostic.get("endLine").asInt());
        assertEquals(17, diagnostic.get("endColumn").asInt());
        assertEquals("did you mean 'Account'?", diagnostic.get("help").asText());
    }

    @Test
    void theSeedsFlattenedQueryIsReportedAtItsLinesInThePaste() {
        String paste = TestFiles.seedRulePaste();
        Query query = onlyQuery("seed.yaml", QuerySources.Kind.RULE, paste);
        Diagnostic diagnostic = at(query, "make-series");
        List<String> lines = paste.lines().toList();
        int queryKeyLine = lines.indexOf("query: |") + 1;
        int line = queryKeyLine + 1;
        while (!lines.get(line - 1).startsWith("| make-series")) {
            line++;
        }

        String rendered = text(query, diagnostic);

        assertTrue(rendered.contains(" --> seed.yaml:" + line + ":3\n"), rendered);
        assertTrue(rendered.startsWith("warning: seed.yaml: the rule's YAML is flattened"), rendered);
    }

    @Test
    void anErrorAtTheEndOfABlockQueryPointsAtItsLastLine() {
        Query query = onlyQuery("rule.yaml", QuerySources.Kind.RULE, "query: |\n  T\n  | where\nseverity: Low\n");
        int end = query.source().length();
        Diagnostic diagnostic = new Diagnostic("KQL1011", Severity.ERROR, new Span(end, end),
                "expected an expression", List.of(), null);

        String rendered = text(query, diagnostic);

        assertTrue(rendered.contains(" --> rule.yaml:3:10\n"), rendered);
        assertTrue(rendered.contains("3 |   | where\n"), rendered);
    }

    @Test
    void aMarkdownBlockIsReportedAtItsFileLine() {
        Query query = onlyQuery("hunting.md", QuerySources.Kind.MARKDOWN,
                "# Title\n\n```kql\nSigninLogs\n| where Acount == 1\n```\n");

        assertTrue(text(query, at(query, "Acount")).contains(" --> hunting.md:5:9\n"));
        assertEquals("hunting.md#0", query.id());
    }

    @Test
    void aFoldedQueryHasNoPlacementAndSaysItsPositionsAreTheQuerys() {
        Query query = onlyQuery("rule.yaml", QuerySources.Kind.RULE, "query: >\n  SigninLogs\n  | where Acount == 1\n");

        String rendered = text(query, at(query, "Acount"));

        assertEquals("SigninLogs | where Acount == 1\n", query.source().text());
        assertTrue(rendered.contains(" --> rule.yaml#query:1:20\n"), rendered);
    }

    @Test
    void aJsonLinesQueryIsNamedByItsIdOrItsLine() {
        QuerySources.Read read = QuerySources.read("q.jsonl", QuerySources.Kind.JSON_LINES,
                "{\"id\":\"rule-7\",\"query\":\"T | where Acount == 1\"}\n{\"query\":\"T\\n| where Acount == 1\"}\n"
                        .getBytes(StandardCharsets.UTF_8));
        Query named = (Query) read.queries().get(0);
        Query unnamed = (Query) read.queries().get(1);

        assertTrue(text(named, at(named, "Acount")).contains(" --> rule-7:1:11\n"));
        assertTrue(text(unnamed, at(unnamed, "Acount")).contains(" --> q.jsonl[line 2]:2:9\n"));
        assertEquals("line 2", unnamed.id());
    }

    @Test
    void theSummaryCountsQueriesErrorsAndWarnings() {
        CheckReport.Tally tally = new CheckReport.Tally();
        Query query = onlyQuery("a.kql", QuerySources.Kind.QUERY, "T");
        Diagnostic error = at(query, "T");
        Diagnostic warning = new Diagnostic("KQL2100", Severity.WARNING, new Span(0, 1), "w", List.of(), null);

        tally.add(query, List.of());
        tally.add(query, List.of(error, error, warning));
        tally.add(new QueryInput.Unreadable("line 3", "q.jsonl:3: not valid JSON"));

        assertEquals("checked 3 queries: 1 ok, 2 with errors (3 errors, 1 warning)", tally.summary());
        assertTrue(tally.anyErrors());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
