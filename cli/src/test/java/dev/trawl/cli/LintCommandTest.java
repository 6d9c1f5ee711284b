package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.hunt.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trawl lint} end to end. The golden test lints the seed rule twice, as the repository's YAML and as
 * the analyst's flattened paste, and compares the exact output with {@code lint-seed.golden}: the seed's
 * three weaknesses at their file lines and columns. Run with {@code -Dlint.golden.update=true} to rewrite
 * the golden file after a deliberate change, and review the diff.
 */
class LintCommandTest {
    private static final String UPDATE_PROPERTY = "lint.golden.update";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Trawl.write(dir, name, text);
    }

    @Test
    void lintingTheSeedRuleFindsItsThreeWeaknessesAtTheirFilePositions() throws IOException {
        Path root = TestFiles.repositoryRoot();
        Path rule = root.resolve("rules/MailItemsAccessedTimeSeries.yaml");
        Path paste = write("seed-paste.yaml", TestFiles.seedRulePaste());

        Trawl.Result yaml = Trawl.run("lint", rule.toString());
        Trawl.Result flattened = Trawl.run("lint", paste.toString());

        assertEquals(ExitCode.QUERY_ERROR, yaml.exitCode(), yaml.err());
        assertEquals(ExitCode.QUERY_ERROR, flattened.exitCode(), flattened.err());
        assertEquals("", yaml.err() + flattened.err());
        // Paths as the checkout and the temporary folder name them vary; the golden file names them plainly.
        String actual = "$ trawl lint rules/MailItemsAccessedTimeSeries.yaml\n"
                + yaml.out().replace(rule.toString(), "rules/MailItemsAccessedTimeSeries.yaml")
                + "\n$ trawl lint seed-paste.yaml\n"
                + flattened.out().replace(paste.toString(), "seed-paste.yaml");
        Path golden = root.resolve("cli/src/test/resources/dev/trawl/cli/lint-seed.golden");
        if (Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false"))) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
    }

    @Test
    void theFindingsPointAtTheTextTheyAreAbout() throws IOException {
        // Independent of the golden file: each finding's line and column hold the text it names.
        Path rule = TestFiles.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml");
        List<String> lines = Files.readAllLines(rule, StandardCharsets.UTF_8);

        Trawl.Result result = Trawl.run("lint", "--format", "json", rule.toString());

        assertEquals(ExitCode.QUERY_ERROR, result.exitCode(), result.err());
        List<String> found = new ArrayList<>();
        for (String line : result.out().split("\n")) {
            JsonNode finding = JSON.readTree(line);
            assertEquals(rule.toString(), finding.get("id").asText().replace("#query", ""));
            String source = lines.get(finding.get("line").asInt() - 1);
            int column = finding.get("column").asInt();
            assertEquals(finding.get("line").asInt(), finding.get("endLine").asInt());
            found.add(finding.get("code").asText() + " "
                    + source.substring(column - 1, finding.get("endColumn").asInt() - 1));
        }
        assertEquals(List.of("KQL5002 percentthreshold", "KQL5003 make-series", "KQL5001 Timestamp"), found);
    }

    @Test
    void aRuleThatMapsEntitiesIsToldItsSeriesIsTenantWide() throws IOException {
        Path rule = write("rule.yaml", """
                id: x
                query: |
                  CloudAppEvents
                  | make-series Total = count() on Timestamp step 1h
                entityMappings:
                  - entityType: Account
                    fieldMappings:
                      - identifier: ObjectGuid
                        columnName: AccountObjectId
                """);

        Trawl.Result result = Trawl.run("lint", "--format", "json", rule.toString());

        assertEquals(ExitCode.QUERY_ERROR, result.exitCode(), result.err());
        JsonNode finding = JSON.readTree(result.out());
        assertEquals("KQL5003", finding.get("code").asText());
        assertEquals(4, finding.get("line").asInt());
        assertEquals(5, finding.get("column").asInt());
        assertTrue(finding.get("help").asText().startsWith("add 'by AccountObjectId'"), result.out());
    }

    @Test
    void aCleanQueryExitsZeroAndSaysSo() throws IOException {
        Path file = write("clean.kql", "let window = 1d;\nCloudAppEvents\n| where Timestamp > ago(window)\n"
                + "| summarize Accessed = count() by AccountObjectId\n");

        Trawl.Result result = Trawl.run("lint", file.toString());

        assertEquals(ExitCode.OK, result.exitCode(), result.out() + result.err());
        assertEquals("linted 1 query: 0 findings (0 errors, 0 warnings)\n", result.out());
    }

    @Test
    void standardInputAndUsageErrors() {
        Trawl.Result stdin = Trawl.runWithStdin("let unused = 1;\nprint x = 1\n", "lint", "-");
        assertEquals(ExitCode.QUERY_ERROR, stdin.exitCode());
        assertTrue(stdin.out().contains("warning[KQL5002]: 'unused' is declared but never used\n --> <stdin>:1:5\n"),
                stdin.out());

        assertEquals(ExitCode.USAGE, Trawl.run("lint").exitCode());
        Trawl.Result missing = Trawl.run("lint", dir.resolve("nope.kql").toString());
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void helpTeachesTheCodesAndExamples() {
        Trawl.Result help = Trawl.run("lint", "--help");
        assertEquals(ExitCode.OK, help.exitCode());
        for (String expected : List.of("KQL5001", "KQL5002", "KQL5003", "KQL5004", "Examples:",
                "trawl lint rules/MailItemsAccessedTimeSeries.yaml", "65 at least one finding")) {
            assertTrue(help.out().contains(expected), expected + " in:\n" + help.out());
        }
    }
}
