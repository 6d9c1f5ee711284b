package dev.trawl.hunt.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole report's input: the seed rule's run over two mailboxes, one alert, exclusions and lint notes. */
final class ReportFixture {
    static final String HOSTILE_NAME = "MailItemsAccessedTimeSeries[Solarigate] <script>alert(1)</script> & co";

    private ReportFixture() {
    }

    static ReportInput input() {
        ChartSeries alice = ChartFixtures.decomposedAccesses("alice@contoso.com", 0);
        ChartSeries bob = ChartFixtures.decomposedAccesses("bob@contoso.com", 5);
        Chart shared = new Chart("MailItemsAccessed per hour", ChartKind.ANOMALYCHART, List.of(alice), "events");
        List<Chart> charts = new ArrayList<>();
        charts.add(shared);
        charts.addAll(Chart.onePerSeries("Per mailbox", ChartKind.ANOMALYCHART, List.of(bob), "events"));
        Map<String, String> entities = new LinkedHashMap<>();
        entities.put("Account", "alice@contoso.com");
        entities.put("IP", "203.0.113.7");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(List.of("2024-03-09T13:" + String.format("%02d", i * 4) + ":00Z", "MailItemsAccessed",
                    "Bind <folder " + i + ">"));
        }
        AlertSummary alert = new AlertSummary(Instant.parse("2024-03-09T13:00:00Z"),
                Instant.parse("2024-03-09T14:00:00Z"), entities, 130,
                new EvidenceSample(List.of("TimeGenerated", "Operation", "Detail"), rows));
        return new ReportInput("b5c5b6a5-1c8a-4bc4-9b1c-7d1e5c5c8f3a", HOSTILE_NAME,
                List.of("Collection", "Exfiltration"), Instant.parse("2024-03-15T00:00:00Z"),
                Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-15T00:00:00Z"), charts, List.of(alert),
                List.of(new ExclusionCount("Backup service account", 4210), new ExclusionCount("eDiscovery search", 37)),
                List.of(new ReportNote(ReportNote.Severity.INFO, "lint", "make-series uses step 1h"),
                        new ReportNote(ReportNote.Severity.WARNING, "lint", "threshold 1.5 flags mild anomalies; "
                                + "consider 2.5 for noisy tenants"),
                        new ReportNote(ReportNote.Severity.ERROR, "ingest", "3 records quarantined")));
    }
}
