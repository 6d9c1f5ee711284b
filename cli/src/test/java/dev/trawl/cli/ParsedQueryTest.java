package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check on queries the parser rejects: exit code 65 and diagnostics at file positions. */
class ParsedQueryTest {
    @TempDir
    Path dir;

    @Test
    void aSyntaxErrorInAQueryFileExitsWith65AndIsRendered() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.kql"), "SigninLogs\n| where\n| project x\n");

        Trawl.Result result = Trawl.run("check", "--syntax-only", file.toString());

        assertEquals(ExitCode.QUERY_ERROR, result.exitCode(), result.out());
        assertTrue(result.out().startsWith("error[KQL1"), result.out());
        assertTrue(result.out().contains(" --> " + file + ":"), result.out());
        assertTrue(result.out().contains("checked 1 query: 0 ok, 1 with errors ("), result.out());
        assertFalse(result.out().contains("Exception"), result.out());
    }

    @Test
    void aSyntaxErrorInARuleIsReportedAtItsFileLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                id: 1
                name: Broken
                query: |
                  SigninLogs
                  | where ResultType ==
                severity: Low
                """);

        Trawl.Result result = Trawl.run("check", "--syntax-only", "--format", "json", file.toString());

        assertEquals(ExitCode.QUERY_ERROR, result.exitCode(), result.out());
        JsonNode object = new ObjectMapper().readTree(result.out());
        assertFalse(object.get("ok").asBoolean());
        JsonNode first = object.get("diagnostics").get(0);
        assertTrue(first.get("code").asText().startsWith("KQL1"), first.toString());
        assertEquals(5, first.get("line").asInt(), "the query's second line is the file's fifth: " + first);
    }

    @Test
    void oneBadQueryAmongGoodOnesInJsonLines() throws IOException {
        Path file = Files.writeString(dir.resolve("q.jsonl"),
                "{\"id\":\"good\",\"query\":\"T | take 1\"}\n{\"id\":\"bad\",\"query\":\"T | where (\"}\n");

        Trawl.Result result = Trawl.run("check", "--syntax-only", "--jsonl", file.toString());

        assertEquals(ExitCode.QUERY_ERROR, result.exitCode(), result.out());
        assertTrue(result.out().contains(" --> bad:1:"), result.out());
        assertTrue(result.out().contains("checked 2 queries: 1 ok, 1 with errors ("), result.out());
    }

    @Test
    void theSeedRuleParsesWithoutErrors() {
        Path rule = Trawl.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml");

        Trawl.Result result = Trawl.run("check", "--syntax-only", rule.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.out());
    }
}
