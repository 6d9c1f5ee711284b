package dev.trawl.cli;

import dev.trawl.hunt.TestFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trawl check} end to end on real files: what counts as a query, the output formats, exit codes. */
class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Trawl.write(dir, name, text);
    }

    private static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void aKqlFileIsOneQuery() throws IOException {
        Path file = write("hunt.kql", "CloudAppEvents\n| where ActionType == \"MailItemsAccessed\"\n| take 10\n");

        Trawl.Result result = Trawl.run("check", "--syntax-only", file.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertEquals("checked 1 query: 1 ok, 0 with errors (0 errors, 0 warnings)\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void everyQueryFileExtensionIsOneQuery() throws IOException {
        List<String> args = new ArrayList<>(List.of("check", "--syntax-only"));
        for (String extension : List.of("kql", "csl", "kusto", "txt", "KQL")) {
            args.add(write("q." + extension, "T | take 1").toString());
        }

        Trawl.Result result = Trawl.run(args.toArray(String[]::new));

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("checked 5 queries: 5 ok"), result.out());
    }

    @Test
    void jsonFormatWritesOneObjectPerQueryAndNothingElse() throws IOException {
        Path file = write("hunt.kql", "T | take 1\n");

        Trawl.Result result = Trawl.run("check", "--syntax-only", "--format", "json", file.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertEquals("{\"id\":\"" + file + "\",\"ok\":true,\"diagnostics\":[]}\n", result.out());
    }

    @Test
    void aFlattenedRuleIsReadTolerantlyWithAWarning() throws IOException {
        Path file = write("seed.yaml", TestFiles.seedRulePaste());

        Trawl.Result text = Trawl.run("check", "--syntax-only", file.toString());
        Trawl.Result json = Trawl.run("check", "--syntax-only", "--format", "json", file.toString());

        assertEquals(ExitCode.OK, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("warning: " + file + ": the rule's YAML is flattened"), text.out());
        assertTrue(text.out().endsWith("checked 1 query: 1 ok, 0 with errors (0 errors, 1 warning)\n"), text.out());
        JsonNode object = jsonLines(json.out()).get(0);
        assertEquals(file.toString(), object.get("id").asText());
        assertTrue(object.get("ok").asBoolean());
        assertTrue(object.get("warnings").get(0).asText().contains("flattened"), object.toString());
    }

    @Test
    void aProperlyIndentedRuleIsReadWithoutWarning() throws IOException {
        Path rule = Trawl.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml");

        Trawl.Result result = Trawl.run("check", "--syntax-only", rule.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertEquals("checked 1 query: 1 ok, 0 with errors (0 errors, 0 warnings)\n", result.out());
    }

    @Test
    void aRuleWithoutAQueryIsAnErrorForThatFile() throws IOException {
        Path file = write("rule.yaml", "id: 1\nname: no query here\nseverity: Low\n");

        Trawl.Result result = Trawl.run("check", "--syntax-only", file.toString());

        assertEquals(ExitCode.QUERY_ERROR, result.exitCode());
        assertTrue(result.out().startsWith("error: " + file + ": no query found: it has no 'query' key"), result.out());
        assertTrue(result.out().endsWith("checked 1 query: 0 ok, 1 with errors (1 error, 0 warnings)\n"), result.out());
    }

    @Test
    void eachKqlBlockOfMarkdownIsAQuery() throws IOException {
        Path file = write("hunting.md", """
                # Mail forwarding

                ```kql
                OfficeActivity
                | where Operation == "New-InboxRule"
                ```

                Not a query:

                ```text
                just words
                ```

                ~~~Kusto
                CloudAppEvents | take 5
                ~~~
                """);

        Trawl.Result result = Trawl.run("check", "--syntax-only", "--format", "json", file.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        List<JsonNode> objects = jsonLines(result.out());
        assertEquals(2, objects.size(), result.out());
        assertEquals(file + "#0", objects.get(0).get("id").asText());
        assertEquals(file + "#1", objects.get(1).get("id").asText());
    }

    @Test
    void markdownWithoutKqlBlocksWarnsAndChecksNothing() throws IOException {
        Path file = write("notes.md", "# Notes\n\n```text\nnot kql\n```\n");

        Trawl.Result result = Trawl.run("check", "--syntax-only", file.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertEquals("warning: " + file + ": no ```kql or ```kusto code block, so no query to check\n\n"
                + "checked 0 queries: 0 ok, 0 with errors (0 errors, 1 warning)\n", result.out());
    }

    @Test
    void badJsonLinesAreErrorsForTheirLineNotACrash() throws IOException {
        Path file = write("queries.jsonl", """
                {"id": "first", "query": "T | take 1"}
                this is not json
                {"id": "no-query"}
                [1, 2]

                {"query": "T | count"}
                {"query": "T"} trailing
                """);

        Trawl.Result json = Trawl.run("check", "--syntax-only", "--format", "json", "--jsonl", file.toString());
        Trawl.Result text = Trawl.run("check", "--syntax-only", "--jsonl", file.toString());

        assertEquals(ExitCode.QUERY_ERROR, json.exitCode(), json.err());
        List<JsonNode> objects = jsonLines(json.out());
        assertEquals(List.of("first", "line 2", "no-query", "line 4", "line 6", "line 7"),
                objects.stream().map(o -> o.get("id").asText()).toList());
        assertEquals(List.of(true, false, false, false, true, false),
                objects.stream().map(o -> o.get("ok").asBoolean()).toList());
        assertTrue(objects.get(1).get("error").asText().startsWith(file + ":2: not valid JSON at column "),
                objects.get(1).toString());
        assertEquals(file + ":3: no \"query\" field", objects.get(2).get("error").asText());
        assertEquals(file + ":4: expected a JSON object with a \"query\" field, found array",
                objects.get(3).get("error").asText());
        assertTrue(objects.get(5).get("error").asText().startsWith(file + ":7: not valid JSON"));
        assertEquals("", json.err());

        assertEquals(ExitCode.QUERY_ERROR, text.exitCode());
        assertTrue(text.out().contains("error: " + file + ":2: not valid JSON"), text.out());
        assertTrue(text.out().endsWith("checked 6 queries: 2 ok, 4 with errors (4 errors, 0 warnings)\n"), text.out());
        assertFalse(text.out().contains("Exception"), text.out());
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorForThatFile() throws IOException {
        Path file = dir.resolve("latin1.kql");
        Files.write(file, new byte[] {'T', ' ', '|', ' ', (byte) 0xE9});

        Trawl.Result result = Trawl.run("check", "--syntax-only", file.toString());

        assertEquals(ExitCode.QUERY_ERROR, result.exitCode());
        assertTrue(result.out().startsWith("error: " + file + ": not valid UTF-8 text (bad byte at offset 4)"),
                result.out());
    }

    @Test
    void dashReadsOneQueryFromStandardInput() {
        Trawl.Result result = Trawl.runWithStdin("CloudAppEvents | take 10\n", "check", "--syntax-only", "--format", "json", "-");

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
        assertEquals("{\"id\":\"<stdin>\",\"ok\":true,\"diagnostics\":[]}\n", result.out());
    }

    @Test
    void syntaxOnlyIsAccepted() throws IOException {
        Path file = write("hunt.kql", "T | take 1\n");

        Trawl.Result result = Trawl.run("check", "--syntax-only", file.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.err());
    }

    @Test
    void theSharedCorpusIsReadWithoutInputErrors() throws IOException {
        Path corpus = Trawl.sharedFolder().resolve("corpus/queries.jsonl");

        Trawl.Result result = Trawl.run("check", "--syntax-only", "--format", "json", "--jsonl", corpus.toString());

        // Every line is a well-formed record; whether every query parses is the parser's corpus test.
        for (JsonNode object : jsonLines(result.out())) {
            assertFalse(object.has("error"), object.toString());
        }
        long records = Files.readAllLines(corpus).stream().filter(line -> !line.isBlank()).count();
        assertEquals(records, result.out().lines().count());
        assertTrue(result.out().startsWith("{\"id\":\"M365-Defender-Hunting-Queries/"), result.out().substring(0, 80));
    }

    @Test
    void anExclusionsFileHasEachPredicateChecked() throws Exception {
        Trawl.Result shipped = Trawl.run("check", Trawl.repositoryRoot().resolve("rules/exclusions/mailitemsaccessed.yaml").toString());
        assertEquals(ExitCode.OK, shipped.exitCode(), shipped.out() + shipped.err());
        assertTrue(shipped.out().contains("checked 5 queries: 5 ok"), shipped.out());
        Path typo = write("exclusions.yaml", "exclusions:\n  - name: archive\n    where: UserAgnt startswith 'x'\n");
        Trawl.Result result = Trawl.run("check", typo.toString());
        assertEquals(ExitCode.QUERY_ERROR, result.exitCode());
        assertTrue(result.out().contains("--> " + typo + "#archive:2:9"), result.out());
        assertTrue(result.out().contains("did you mean 'UserAgent'?"), result.out());
    }
}
