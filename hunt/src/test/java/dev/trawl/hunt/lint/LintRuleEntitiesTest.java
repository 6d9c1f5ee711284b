package dev.trawl.hunt.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.hunt.TestFiles;
import dev.trawl.kql.syntax.SourceText;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entity columns a rule maps, read from proper YAML and from a paste that lost its indentation. */
class LintRuleEntitiesTest {
    private static final String RULE = """
            id: x
            query: |
              CloudAppEvents | take 1
            entityMappings:
              - entityType: Account
                fieldMappings:
                  - identifier: FullName
                    columnName: AccountUpn
              - entityType: IP
                fieldMappings:
                  - identifier: Address
                    columnName: IPAddress
                  - identifier: Address
                    columnName: AccountUpn
            """;

    @Test
    void mappedColumnsAreReadInOrderWithoutRepeats() {
        assertEquals(List.of("AccountUpn", "IPAddress"), RuleEntities.columns(new SourceText("r.yaml", RULE)));
    }

    @Test
    void aFlattenedRuleStillNamesItsMappedColumns() {
        String flattened = RULE.lines().map(String::strip).reduce("", (a, b) -> a + b + "\n")
                + "| not | yaml |\n";
        assertEquals(List.of("AccountUpn", "IPAddress"), RuleEntities.columns(new SourceText("r.yaml", flattened)));
    }

    @Test
    void theSeedRuleMapsNoEntities() throws Exception {
        String rule = Files.readString(TestFiles.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml"));
        assertEquals(List.of(), RuleEntities.columns(new SourceText("seed.yaml", rule)));
        assertEquals(List.of(), RuleEntities.columns(new SourceText("paste.yaml", TestFiles.seedRulePaste())));
    }
}
