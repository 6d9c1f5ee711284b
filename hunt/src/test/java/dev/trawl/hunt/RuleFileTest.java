package dev.trawl.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trawl.kql.syntax.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Reading a rule's query: proper YAML, and rules pasted flattened like the mission's seed. */
class RuleFileTest {
    /** The seed's first, standalone copy of the query: the lines after "KQL Query" up to "id:". */
    private static String seedStandaloneQuery() {
        List<String> lines = TestFiles.seedRulePaste().lines().toList();
        int first = lines.indexOf("KQL Query") + 1;
        int end = first;
        while (!lines.get(end).startsWith("id: ")) {
            end++;
        }
        return String.join("\n", lines.subList(first, end)) + "\n";
    }

    private static RuleFile.RuleQuery read(String name, String text) throws RuleFile.NoQueryException {
        return RuleFile.readQuery(new SourceText(name, text));
    }

    @Test
    void theSeedsFlattenedRuleYieldsExactlyItsQuery() throws Exception {
        String paste = TestFiles.seedRulePaste();

        RuleFile.RuleQuery rule = read("seed.yaml", paste);

        assertEquals(seedStandaloneQuery(), rule.text());
        assertTrue(rule.text().startsWith("let starttime = 14d;\n"), rule.text());
        assertTrue(rule.text().endsWith("| where RawEventData.ResultStatus == \"Succeeded\"\n) on Timestamp\n"),
                rule.text());
        List<String> pasteLines = paste.lines().toList();
        int queryKeyLine = pasteLines.indexOf("query: |") + 1;
        assertEquals(OptionalInt.of(queryKeyLine + 1), rule.firstLine());
        assertEquals(0, rule.indent());
        assertEquals(1, rule.warnings().size());
        String warning = rule.warnings().get(0);
        int tableLine = pasteLines.indexOf("| Sentinel Table | Notes |") + 1;
        assertTrue(warning.startsWith("seed.yaml: the rule's YAML is flattened"), warning);
        assertTrue(warning.endsWith("the query is lines " + (queryKeyLine + 1) + "-" + (tableLine - 1)
                + ", ending before line " + tableLine + " '| Sentinel Table | Notes |'"), warning);
    }

    @Test
    void theRepositorysRuleFileHoldsTheSeedQueryByteForByte() throws Exception {
        Path file = TestFiles.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml");
        String yaml = Files.readString(file);

        RuleFile.RuleQuery fromRule = read(file.toString(), yaml);
        RuleFile.RuleQuery fromSeed = read("seed.yaml", TestFiles.seedRulePaste());

        assertEquals(fromSeed.text(), fromRule.text());
        assertEquals(List.of(), fromRule.warnings(), "the repository's rule is valid YAML");
        JsonNode rule = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        assertEquals("148de00b-e647-4767-9201-c3cbf51befb1", rule.get("id").asText());
        assertEquals("MailItemsAccessedTimeSeries[Solarigate]", rule.get("name").asText());
        assertEquals("Collection", rule.get("tactics").get(0).asText());
        assertEquals("CloudAppEvents", rule.get("requiredDataConnectors").get(0).get("dataTypes").get(0).asText());
        assertTrue(TestFiles.seedRulePaste().contains(rule.get("description").asText().strip()), "description is the seed's");
    }

    @Test
    void aProperRuleIsReadAsYamlAndPlacedAtItsBlock() throws Exception {
        String yaml = """
                id: 1
                name: Test
                query: |
                  SigninLogs
                  | where ResultType == 0
                severity: Low
                """;

        RuleFile.RuleQuery rule = read("rule.yaml", yaml);

        assertEquals("SigninLogs\n| where ResultType == 0\n", rule.text());
        assertEquals(OptionalInt.of(4), rule.firstLine());
        assertEquals(2, rule.indent());
        assertEquals(List.of(), rule.warnings());
    }

    @Test
    void aFlattenedQueryEndsAtTheNextRuleKeyNotAtAnyWordAndColon() throws Exception {
        String yaml = """
                id: 2
                query: |-
                let Known = datatable(
                name: string,
                count: long
                )["a", 1];
                Known | where name != "b"
                tactics:
                - Collection
                """;

        RuleFile.RuleQuery rule = read("flat.yaml", yaml);

        assertEquals("let Known = datatable(\nname: string,\ncount: long\n)[\"a\", 1];\nKnown | where name != \"b\"",
                rule.text(), "'|-' strips the final newline; 'name: string,' is KQL");
        assertTrue(rule.warnings().get(0).endsWith("ending before line 8 'tactics:'"), rule.warnings().get(0));
    }

    @Test
    void anIndentedQueryInOtherwiseBrokenYamlIsReadByIndentation() throws Exception {
        String yaml = """
                name: broken: "yes
                query: |
                  T
                  | take 1
                description: after
                """;

        RuleFile.RuleQuery rule = read("broken.yaml", yaml);

        assertEquals("T\n| take 1\n", rule.text());
        assertEquals(2, rule.indent());
        assertTrue(rule.warnings().get(0).startsWith("broken.yaml: it is not valid YAML: "), rule.warnings().get(0));
    }

    @Test
    void aRuleWithNoQueryKeySaysSo() {
        var problem = assertThrows(RuleFile.NoQueryException.class, () -> read("none.yaml", "id: 3\nname: x\n"));

        assertEquals("none.yaml: no query found: it has no 'query' key, and no line starts with 'query:'",
                problem.getMessage());
    }
}
