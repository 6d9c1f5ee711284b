package dev.trawl.hunt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.hunt.Exclusions;
import dev.trawl.hunt.Hunt;
import dev.trawl.hunt.Rule;
import dev.trawl.hunt.TestFiles;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.series.OutlierKind;
import dev.trawl.series.SeriesDecompose;
import dev.trawl.series.TrendKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed rule file, unmodified, over the demo tenant: its exact output, row for row, against an answer computed
 * another way. The export's own lines are read here (not the store), the hourly series is counted in Java and
 * decomposed by the series library, and the final join on Timestamp is done by hand: equal timestamps only, so
 * only events stamped exactly on a flagged hour come back. The generator puts the exfiltration's batch starts on
 * the hour, so the answer must contain them: the rule does find the theft, through its weakness.
 */
class DemoSeedRuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A successful Exchange MailItemsAccessed event as the rule's filters see it. */
    private record Event(Instant timestamp, String reportId) {
    }

    private static DemoFixture.Tenant tenant;
    private static List<Event> events;

    @BeforeAll
    static void readTheExport() throws IOException {
        tenant = DemoFixture.tenant();
        events = new ArrayList<>();
        try (Stream<Path> files = Files.walk(tenant.export())) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try (BufferedReader lines = Files.newBufferedReader(file)) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        JsonNode row = JSON.readTree(line).path("properties");
                        boolean mailRead = row.path("ActionType").asText().toLowerCase(Locale.ROOT).equals("mailitemsaccessed");
                        // `Application has "Exchange"`: a whole term of the application's name.
                        boolean exchange = List.of(row.path("Application").asText().split("[^A-Za-z0-9]+"))
                                .stream().anyMatch(t -> t.equalsIgnoreCase("Exchange"));
                        boolean succeeded = row.path("RawEventData").path("ResultStatus").asText().equals("Succeeded");
                        if (mailRead && exchange && succeeded) {
                            events.add(new Event(Instant.parse(row.path("Timestamp").asText()), row.path("ReportId").asText()));
                        }
                    }
                }
            }
        }
    }

    @Test
    void theSeedRuleReturnsExactlyTheSuccessfulEventsStampedOnItsFlaggedHours() throws Exception {
        Instant now = tenant.truth().now();
        Instant start = now.minus(Duration.ofDays(14)).truncatedTo(ChronoUnit.DAYS);
        Instant end = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS);
        int hours = (int) Duration.between(start, end).toHours();
        double[] totals = new double[hours];
        for (Event event : events) {
            // make-series from start to end: bins [start, end), the 'between' end itself falls outside the axis.
            if (!event.timestamp().isBefore(start) && event.timestamp().isBefore(end)) {
                totals[(int) Duration.between(start, event.timestamp()).toHours()]++;
            }
        }
        SeriesDecompose.Anomalies decomposed = SeriesDecompose.anomalies(totals, 1.5, -1, TrendKind.LINEFIT, 0,
                OutlierKind.CTUKEY, SeriesDecompose.DEFAULT_SEASONALITY_THRESHOLD);
        Instant joinFrom = now.minus(Duration.ofDays(2));
        TreeMap<Instant, Integer> flaggedHours = new TreeMap<>();
        for (int h = 0; h < hours; h++) {
            Instant hour = start.plus(Duration.ofHours(h));
            if (decomposed.adFlag()[h] > 0 && hour.isAfter(joinFrom)) {
                flaggedHours.put(hour, h);
            }
        }
        List<String> expected = new ArrayList<>();
        for (Event event : events) {
            Integer h = flaggedHours.get(event.timestamp());
            if (h != null && event.timestamp().isAfter(joinFrom)) {
                expected.add(row(event.timestamp(), totals[h], (long) decomposed.baseline()[h], decomposed.adScore()[h],
                        event.reportId()));
            }
        }

        Rule rule = Rule.read(new SourceText("rules/MailItemsAccessedTimeSeries.yaml",
                Files.readString(TestFiles.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml"))));
        Hunt.Run run = Hunt.run(rule, tenant.tables(), new Hunt.Options(now, Exclusions.NONE, 0));
        QueryResult result = run.result();
        List<String> columns = result.columns().stream().map(QueryResult.Column::name).toList();
        assertEquals(List.of("Timestamp", "Total", "baseline", "anomalies", "score"), columns.subList(0, 5),
                "the join's left columns, then CloudAppEvents' own");
        int rightTimestamp = columns.indexOf("Timestamp1");
        assertTrue(rightTimestamp > 4, "the right side's Timestamp, renamed: " + columns);
        int reportId = columns.indexOf("ReportId");
        List<String> actual = new ArrayList<>();
        for (int r = 0; r < result.rowCount(); r++) {
            assertEquals(1.0, ((Number) result.value(r, 3)).doubleValue(), "anomalies");
            assertEquals(result.value(r, 0), result.value(r, rightTimestamp), "joined on equal timestamps");
            actual.add(row(dev.trawl.hunt.Ticks.instant((Long) result.value(r, 0)), ((Number) result.value(r, 1)).doubleValue(),
                    ((Number) result.value(r, 2)).longValue(), ((Number) result.value(r, 4)).doubleValue(),
                    result.text(r, reportId)));
        }
        assertEquals(new TreeSet<>(expected).size(), expected.size(), "every expected row is distinct");
        assertEquals(new TreeSet<>(expected), new TreeSet<>(actual));
        assertEquals(expected.size(), actual.size());

        // What that answer means: the flagged hours include the exfiltration's, and every row is on the hour.
        GroundTruth.Interval theft = tenant.truth().exfiltration().interval();
        assertTrue(flaggedHours.keySet().stream().anyMatch(theft::contains), "an exfiltration hour is flagged: " + flaggedHours);
        assertTrue(actual.size() >= tenant.truth().exfiltration().recordsOnTheHour(), actual.size() + " rows");
        for (int r = 0; r < result.rowCount(); r++) {
            assertEquals(0, (Long) result.value(r, 0) % (3600L * 10_000_000L), "on the hour");
        }
    }

    /** One result row as text; scores to 9 decimals, which two computations of one formula agree on. */
    private static String row(Instant hour, double total, long baseline, double score, String reportId) {
        return String.format(Locale.ROOT, "%s|%.0f|%d|%.9f|%s", hour, total, baseline, score, reportId);
    }
}
