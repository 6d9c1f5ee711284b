package dev.trawl.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.kql.syntax.SourceText;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A rule file's metadata: from proper YAML, from a paste that lost its indentation, and a bare query. */
class RuleTest {
    private static final String RULE = """
            id: x
            name: Reads
            severity: High
            queryFrequency: 1h
            queryPeriod: PT336H
            triggerOperator: gt
            triggerThreshold: 2
            tactics:
              - Collection
              - Exfiltration
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

    private static Rule read(String name, String text) throws Rule.RuleException {
        return Rule.read(new SourceText(name, text));
    }

    @Test
    void aProperRuleGivesEveryField() throws Exception {
        Rule rule = read("r.yaml", RULE);
        assertEquals("x", rule.id());
        assertEquals("Reads", rule.name());
        assertEquals("High", rule.severity());
        assertEquals(List.of("Collection", "Exfiltration"), rule.tactics());
        assertEquals(Optional.of(Duration.ofHours(1)), rule.queryFrequency());
        assertEquals(Optional.of(Duration.ofDays(14)), rule.queryPeriod());
        assertEquals(Rule.TriggerOperator.GT, rule.triggerOperator());
        assertEquals(2, rule.triggerThreshold());
        assertEquals("CloudAppEvents | take 1\n", rule.query().text());
        assertEquals(List.of("Account", "IP"), rule.entityMappings().stream().map(Rule.EntityMapping::entityType).toList());
        assertEquals(List.of("AccountUpn", "IPAddress"), rule.entityColumns(), "in order, without repeats");
        assertEquals(List.of(), rule.warnings());
    }

    @Test
    void aFlattenedRuleStillGivesItsMetadataAndMappings() throws Exception {
        String flattened = RULE.lines().map(String::strip).reduce("", (a, b) -> a + b + "\n") + "| not | yaml |\n";
        Rule rule = read("r.yaml", flattened);
        assertEquals("x", rule.id());
        assertEquals(List.of("Collection", "Exfiltration"), rule.tactics());
        assertEquals(Optional.of(Duration.ofDays(14)), rule.queryPeriod());
        assertEquals(List.of("AccountUpn", "IPAddress"), rule.entityColumns());
        assertEquals(List.of(new Rule.FieldMapping("FullName", "AccountUpn")), rule.entityMappings().get(0).fieldMappings());
        assertEquals(1, rule.warnings().size(), "the flattened read is said");
        Rule described = read("d.yaml", "id: y\ndescription: |\nReads mail.\nquery: |\nT | take 1\n"
                + "eventGroupingSettings:\naggregationKind: AlertPerResult\n| not | yaml |\n");
        assertEquals("Reads mail.", described.description(), "the description ends at the next key");
        assertEquals(Rule.Grouping.ALERT_PER_RESULT, described.grouping());
    }

    @Test
    void theSeedsPasteAndTheShippedRuleAgree() throws Exception {
        Rule shipped = read("seed.yaml", Files.readString(TestFiles.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml")));
        Rule pasted = read("paste.yaml", TestFiles.seedRulePaste());
        for (Rule rule : List.of(shipped, pasted)) {
            assertEquals("148de00b-e647-4767-9201-c3cbf51befb1", rule.id());
            assertEquals("MailItemsAccessedTimeSeries[Solarigate]", rule.name());
            assertEquals(List.of("Collection"), rule.tactics());
            assertEquals("Medium", rule.severity(), "the seed has none: Sentinel's default applies");
            assertEquals(List.of(), rule.entityColumns());
            assertTrue(rule.description().startsWith("Identifies anomalous increases in Exchange mail items accessed"),
                    rule.description());
        }
        assertEquals(shipped.query().text(), pasted.query().text());
    }

    @Test
    void aBareQueryIsARuleNamedAfterItsFile() throws Exception {
        Rule rule = read("hunts/night-reads.kql", "CloudAppEvents | take 1");
        assertEquals("night-reads", rule.id());
        assertEquals("night-reads", rule.name());
        assertEquals(Rule.TriggerOperator.GT, rule.triggerOperator());
        assertEquals(0, rule.triggerThreshold());
    }

    @Test
    void badMetadataIsAClearError() {
        Rule.RuleException period = assertThrows(Rule.RuleException.class,
                () -> read("r.yaml", "id: x\nqueryPeriod: soon\nquery: T\n"));
        assertEquals("queryPeriod 'soon' is not a positive timespan (e.g. 1h, 14d or PT1H)", period.getMessage());
        Rule.RuleException trigger = assertThrows(Rule.RuleException.class,
                () -> read("r.yaml", "id: x\ntriggerOperator: above\nquery: T\n"));
        assertTrue(trigger.getMessage().contains("not one of gt, lt, eq, ne"), trigger.getMessage());
        assertThrows(Rule.RuleException.class, () -> read("r.yaml", "id: x\nname: no query\n"));
    }
}
