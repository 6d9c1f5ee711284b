package dev.trawl.hunt.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.hunt.Rule;
import dev.trawl.hunt.TestFiles;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.syntax.SourceText;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed rule through the library: its three weaknesses and nothing else, and the rule with each one
 * fixed as the help lines say lints clean, so the advice leads somewhere the linter accepts.
 */
class LintSeedTest {
    private static List<String> codes(List<Diagnostic> findings) {
        return findings.stream().map(Diagnostic::code).toList();
    }

    @Test
    void theSeedHasExactlyItsThreeWeaknesses() throws Exception {
        SourceText file = new SourceText("seed.yaml",
                Files.readString(TestFiles.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml")));
        Rule rule = Rule.read(file);
        List<Diagnostic> findings = RuleLinter.lint(new SourceText("seed.kql", rule.query().text()), rule.entityColumns());
        assertEquals(List.of("KQL5002", "KQL5003", "KQL5001"), codes(findings), findings.toString());
    }

    @Test
    void theSeedWithItsWeaknessesFixedLintsClean() {
        String fixed = """
                let starttime = 14d;
                let endtime = 1d;
                let timeframe = 1h;
                let scorethreshold = 1.5;
                let TimeSeriesData =
                CloudAppEvents
                | where Timestamp between (startofday(ago(starttime))..startofday(ago(endtime)))
                | where ActionType =~ "MailItemsAccessed"
                | where Application has "Exchange"
                | extend RawEventData = parse_json(RawEventData)
                | where RawEventData.ResultStatus == "Succeeded"
                | project Timestamp, ActionType, MailboxOwnerUPN = tostring(RawEventData.MailboxOwnerUPN)
                | make-series Total=count() on Timestamp from startofday(ago(starttime)) to startofday(ago(endtime)) step timeframe by MailboxOwnerUPN;
                let TimeSeriesAlerts =
                TimeSeriesData
                | extend (anomalies, score, baseline) = series_decompose_anomalies(Total, scorethreshold, -1, 'linefit')
                | mv-expand Total to typeof(double), Timestamp to typeof(datetime), anomalies to typeof(double), score to typeof(double), baseline to typeof(long)
                | where anomalies > 0
                | project MailboxOwnerUPN, Timestamp, Total, baseline, anomalies, score;
                TimeSeriesAlerts | where Timestamp > ago(2d)
                | join (
                CloudAppEvents
                | where Timestamp > ago(2d)
                | where ActionType =~ "MailItemsAccessed"
                | where Application has "Exchange"
                | extend RawEventData = parse_json(RawEventData)
                | where RawEventData.ResultStatus == "Succeeded"
                | extend MailboxOwnerUPN = tostring(RawEventData.MailboxOwnerUPN), TimestampBin = bin(Timestamp, timeframe)
                ) on MailboxOwnerUPN, $left.Timestamp == $right.TimestampBin
                """;
        List<Diagnostic> findings = RuleLinter.lint(new SourceText("fixed.kql", fixed));
        assertEquals(List.of(), findings);
    }
}
