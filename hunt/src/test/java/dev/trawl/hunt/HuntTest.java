package dev.trawl.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.store.Store;
import dev.trawl.store.StoreTables;
import dev.trawl.store.ingest.Ingest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule run over a real store: 15 days of hourly mail reads by ten users with a daily cycle, and one hour in
 * which an app reads 300 items. Alerts, entities, exclusions and their counts, the threshold site and the
 * series a report draws, each checked against what the data was built to hold.
 */
class HuntTest {
    private static final Instant NOW = Instant.parse("2024-01-31T06:00:00Z");
    private static final Instant BURST = Instant.parse("2024-01-29T21:00:00Z");
    private static final String APP = "6f1a9a1e-0000-4000-8000-00000000bad1";
    private static final DateTimeFormatter ISO7 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String RULE = """
            id: test-rule
            name: Hourly mail reads
            severity: High
            tactics:
              - Collection
            queryPeriod: 14d
            entityMappings:
              - entityType: CloudApplication
                fieldMappings:
                  - identifier: AppId
                    columnName: OAuthAppId
            query: |
              let scorethreshold = 3.0;
              CloudAppEvents
              | where ActionType == "MailItemsAccessed"
              | make-series Total=count() on Timestamp from startofday(ago(14d)) to startofday(now()) step 1h
              | extend (anomalies, score, baseline) = series_decompose_anomalies(Total, scorethreshold, -1, 'linefit')
              | mv-expand Timestamp to typeof(datetime), anomalies to typeof(double)
              | where anomalies > 0
              | join kind=inner (CloudAppEvents | extend Hour = bin(Timestamp, 1h)) on $left.Timestamp == $right.Hour
              | project Timestamp, OAuthAppId, AccountDisplayName, ReportId
            """;

    @TempDir
    static Path work;
    private static Hunt.Tables tables;
    private static int burstRecords;
    private static int appRecordsInPeriod;

    @BeforeAll
    static void ingest() throws IOException {
        Path export = work.resolve("CloudAppEvents.jsonl");
        SplittableRandom random = new SplittableRandom(5);
        int id = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(export));
             JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (long hour = NOW.getEpochSecond() - 16 * 86_400L; hour < NOW.getEpochSecond(); hour += 3600) {
                int hourOfDay = (int) (hour / 3600 % 24);
                int count = 30 + (int) (20 * Math.sin(Math.PI * hourOfDay / 12)) + random.nextInt(5);
                for (int e = 0; e < count; e++) {
                    record(g, Instant.ofEpochSecond(hour + random.nextInt(3600)), "user" + random.nextInt(10), "", id++);
                }
                // The app reads a little every day at 21:00, so it is known; once, a lot.
                int app = hour == BURST.getEpochSecond() ? 300 : hourOfDay == 21 ? 2 : 0;
                for (int e = 0; e < app; e++) {
                    record(g, Instant.ofEpochSecond(hour + random.nextInt(3600)), "Mail Insights", APP, id++);
                }
                if (hour == BURST.getEpochSecond()) {
                    burstRecords = app;
                }
                if (hour > NOW.getEpochSecond() - 14 * 86_400L) {
                    appRecordsInPeriod += app;
                }
            }
        }
        Path store = work.resolve("store");
        new Ingest(store, Ingest.Options.defaults(), Ingest.Progress.NONE).run(List.of(export));
        Store opened = Store.open(store);
        tables = engine -> StoreTables.register(engine, opened);
    }

    private static void record(JsonGenerator g, Instant at, String account, String app, int id) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", ISO7.format(at));
        g.writeStringField("category", "AdvancedHunting-CloudAppEvents");
        g.writeObjectFieldStart("properties");
        g.writeStringField("Timestamp", ISO7.format(at));
        g.writeStringField("ActionType", "MailItemsAccessed");
        g.writeStringField("Application", "Microsoft Exchange Online");
        g.writeStringField("AccountDisplayName", account);
        g.writeStringField("OAuthAppId", app);
        g.writeStringField("ReportId", "r" + id);
        g.writeObjectFieldStart("RawEventData");
        g.writeStringField("Id", "id-" + id);
        g.writeStringField("ResultStatus", "Succeeded");
        g.writeStringField("ClientAppId", app);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static Rule rule() {
        try {
            return Rule.read(new SourceText("rule.yaml", RULE));
        } catch (Rule.RuleException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Exclusions exclusions(String yaml) {
        try {
            return Exclusions.read(new SourceText("exclusions.yaml", yaml));
        } catch (Exclusions.ExclusionsException e) {
            throw new UncheckedIOException(new IOException(e.getMessage()));
        }
    }

    @Test
    void theBurstHourIsOneAlertWithItsWindowEntitiesAndEvidence() {
        Hunt.Run run = Hunt.run(rule(), tables, new Hunt.Options(NOW, Exclusions.NONE, 10));
        assertTrue(run.triggered());
        assertEquals(1, run.alerts().size(), "one anomalous hour: " + run.alerts());
        Alert alert = run.alerts().get(0);
        assertEquals("test-rule", alert.ruleId());
        assertEquals("High", alert.severity());
        assertEquals(List.of("Collection"), alert.tactics());
        assertEquals(BURST, alert.windowStart());
        assertEquals(BURST.plusSeconds(3600), alert.windowEnd());
        // Every event of the burst hour is evidence (the join is on the hour's bin): the users' and the app's.
        assertEquals(run.result().rowCount(), alert.evidenceCount());
        assertTrue(alert.evidenceCount() > burstRecords, "users' reads of that hour are joined too");
        assertEquals(10, alert.evidence().size(), "evidence rows are capped at the limit");
        // The rule maps only OAuthAppId, so that is the only entity, and empty ids are not entities.
        assertEquals(List.of("CloudApplication"), List.copyOf(alert.entities().keySet()));
        assertEquals(List.of(APP), alert.entities().get("CloudApplication"));
    }

    @Test
    void aRulesEventGroupingIsFollowed() throws Exception {
        Rule perResult = Rule.read(new SourceText("rule.yaml", RULE + "eventGroupingSettings:\n  aggregationKind: AlertPerResult\n"));
        assertEquals(Rule.Grouping.ALERT_PER_RESULT, perResult.grouping());
        Hunt.Run each = Hunt.run(perResult, tables, new Hunt.Options(NOW, Exclusions.NONE, 10));
        assertEquals(each.result().rowCount(), each.alerts().size(), "one alert per result row");
        assertTrue(each.alerts().stream().allMatch(a -> a.evidenceCount() == 1 && a.windowStart().equals(BURST)));

        Rule single = Rule.read(new SourceText("rule.yaml", RULE + "eventGroupingSettings:\n  aggregationKind: SingleAlert\n"));
        Hunt.Run one = Hunt.run(single, tables, new Hunt.Options(NOW, Exclusions.NONE, 10));
        assertEquals(1, one.alerts().size());
        assertEquals(one.result().rowCount(), one.alerts().get(0).evidenceCount());
        assertEquals(BURST, one.alerts().get(0).windowStart());
        assertEquals(BURST.plusSeconds(3600), one.alerts().get(0).windowEnd());

        Rule.RuleException bad = assertThrows(Rule.RuleException.class, () -> Rule.read(new SourceText("rule.yaml",
                RULE + "eventGroupingSettings:\n  aggregationKind: Hourly\n")));
        assertTrue(bad.getMessage().contains("not SingleAlert or AlertPerResult"), bad.getMessage());
    }

    @Test
    void anExclusionHidesRowsBeforeTheSeriesIsBuiltAndSaysHowManyItRemoved() {
        Exclusions excluded = exclusions("""
                exclusions:
                  - name: insights-app
                    scenario: Third-party analytics
                    where: OAuthAppId == "%s"
                    reason: vendor reads mail nightly
                  - name: never-matches
                    where: AccountDisplayName == "nobody"
                """.formatted(APP));
        Hunt.Run run = Hunt.run(rule(), tables, new Hunt.Options(NOW, excluded, 10));
        assertEquals(List.of(), run.alerts(), "without the app's burst nothing is anomalous");
        assertFalse(run.triggered());
        assertEquals(2, run.exclusionCounts().size());
        assertEquals(appRecordsInPeriod, run.exclusionCounts().get(0).removed());
        assertEquals(0, run.exclusionCounts().get(1).removed());
        assertTrue(run.exclusionCounts().get(0).rowsInWindow() > appRecordsInPeriod);
    }

    @Test
    void aRowWhosePredicateIsNullIsNotHidden() {
        // RawEventData.Missing is null for every row: comparing it hides nothing, so the burst is still found.
        Exclusions nulls = exclusions("""
                exclusions:
                  - name: null-predicate
                    where: toint(RawEventData.Missing) > 0
                """);
        Hunt.Run run = Hunt.run(rule(), tables, new Hunt.Options(NOW, nulls, 10));
        assertEquals(1, run.alerts().size());
        assertEquals(0, run.exclusionCounts().get(0).removed());
    }

    @Test
    void aBadExclusionIsADiagnosticInItsOwnText() {
        Exclusions bad = exclusions("""
                exclusions:
                  - name: typo
                    where: OAuthAppID == "x"
                """);
        Hunt.ExclusionError failure = assertThrows(Hunt.ExclusionError.class,
                () -> Hunt.run(rule(), tables, new Hunt.Options(NOW, bad, 10)));
        assertEquals("typo", failure.exclusion().name());
        assertEquals(new dev.trawl.kql.syntax.Span(0, "OAuthAppID".length()), failure.diagnostics().get(0).span());
    }

    @Test
    void theThresholdIsFoundAtItsLetAndASweepChangesOnlyThatLiteral() {
        Rule rule = rule();
        SourceText query = new SourceText("q", rule.query().text());
        AnomalyQueries.ThresholdSite site = AnomalyQueries.threshold(query).orElseThrow();
        assertEquals("3.0", site.text());
        assertEquals(query.text().indexOf("3.0"), site.literal().start());
        SourceText swept = AnomalyQueries.withThreshold(query, site, 1.5);
        assertEquals(query.text().replace("scorethreshold = 3.0", "scorethreshold = 1.5"), swept.text());
        // A lower threshold can only flag more hours.
        int strict = Hunt.run(rule, query, tables, new Hunt.Options(NOW, Exclusions.NONE, 0)).alerts().size();
        int loose = Hunt.run(rule, swept, tables, new Hunt.Options(NOW, Exclusions.NONE, 0)).alerts().size();
        assertTrue(loose >= strict, loose + " >= " + strict);
    }

    @Test
    void aCallInsideASubqueryGivesNoChartAndTheRuleStillRuns() throws Exception {
        // Cut after its extend, this query would leave the join's parenthesis open.
        String inside = """
                CloudAppEvents | summarize by Application
                | join kind=inner (
                    CloudAppEvents
                    | make-series Total=count() on Timestamp from startofday(ago(14d)) to startofday(now()) step 1h by Application
                    | extend (anomalies, score, baseline) = series_decompose_anomalies(Total, 3.0, -1, 'linefit')
                ) on Application
                """;
        SourceText query = new SourceText("q", inside);
        assertEquals(List.of(), AnomalyQueries.series(query, tables, new Hunt.Options(NOW, Exclusions.NONE, 0)));
        Rule rule = Rule.read(new SourceText("inside.kql", inside));
        assertEquals(1, Hunt.run(rule, tables, new Hunt.Options(NOW, Exclusions.NONE, 0)).result().rowCount());
    }

    @Test
    void theSeriesTheRuleDecomposedAreWhatTheReportDraws() {
        Rule rule = rule();
        List<AnomalyQueries.SeriesView> series = AnomalyQueries.series(new SourceText("q", rule.query().text()),
                tables, new Hunt.Options(NOW, Exclusions.NONE, 0));
        assertEquals(1, series.size(), "a tenant-wide series");
        AnomalyQueries.SeriesView view = series.get(0);
        assertEquals(14 * 24, view.times().size());
        assertEquals(view.times().size(), view.values().length);
        assertEquals(3.0, view.threshold());
        int burst = view.times().indexOf(BURST);
        assertTrue(burst > 0);
        assertEquals(1.0, view.flags()[burst]);
        assertTrue(view.values()[burst] >= burstRecords);
        long flagged = java.util.Arrays.stream(view.flags()).filter(f -> f != 0).count();
        assertEquals(1, flagged, "only the burst is flagged at 3.0");
    }
}
