package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The seed rule's query, verbatim from the mission document, over 14 days of hourly MailItemsAccessed
 * events with a daily cycle and one injected spike: the spike, and only the spike, is flagged, and the
 * join on Timestamp returns the events that fall exactly on that hour.
 */
class SeedTimeSeriesTest {
    private static final Instant NOW = Instant.parse("2024-01-31T12:00:00Z");
    /** Inside (ago(2d), startofday(ago(1d))): the only window where the seed can report anything. */
    private static final Instant SPIKE = Instant.parse("2024-01-29T20:00:00Z");

    static String seedQuery() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("shared/mission"))) {
            dir = dir.getParent();
        }
        String seed = Files.readString(dir.resolve("shared/mission/seed-rule.md"));
        int start = seed.indexOf("KQL Query\n") + "KQL Query\n".length();
        return seed.substring(start, seed.indexOf("\nid: 148de00b"));
    }

    private static long ticks(Instant instant) {
        return (instant.getEpochSecond() + LiteralValues.EPOCH_OFFSET_SECONDS) * LiteralValues.TICKS_PER_SECOND;
    }

    @Test
    void theSeedFlagsTheSpikeAndJoinsTheEventsOnItsHour() throws Exception {
        Schema schema = Schema.of(new Schema.Field("Timestamp", ScalarType.DATETIME),
                new Schema.Field("ActionType", ScalarType.STRING), new Schema.Field("Application", ScalarType.STRING),
                new Schema.Field("RawEventData", ScalarType.DYNAMIC));
        ColumnBuilder[] columns = new ColumnBuilder[4];
        for (int c = 0; c < 4; c++) {
            columns[c] = ColumnBuilder.of(schema.field(c).type(), 50_000);
        }
        SplittableRandom random = new SplittableRandom(7);
        long hour = 3600 * LiteralValues.TICKS_PER_SECOND;
        long first = ticks(Instant.parse("2024-01-16T00:00:00Z"));
        long end = ticks(NOW);
        int spikeEventsOnTheHour = 0;
        Map<String, Object> succeeded = new LinkedHashMap<>();
        succeeded.put("ResultStatus", "Succeeded");
        succeeded.put("MailboxOwnerUPN", "someone@contoso.com");
        for (long h = first; h < end; h += hour) {
            int hourOfDay = (int) ((h / hour) % 24);
            long count = Math.round(100 + 50 * Math.sin(2 * Math.PI * hourOfDay / 24)) + random.nextInt(-4, 5);
            boolean spike = h == ticks(SPIKE);
            if (spike) {
                count += 600;
            }
            for (long e = 0; e < count; e++) {
                // Every tenth event lands exactly on the hour, the rest inside it.
                long at = e % 10 == 0 ? h : h + 1 + random.nextLong(hour - 1);
                if (spike && at == h) {
                    spikeEventsOnTheHour++;
                }
                columns[0].add(at);
                columns[1].add("MailItemsAccessed");
                columns[2].add("Microsoft Exchange Online");
                columns[3].add(succeeded);
            }
        }
        Column[] built = new Column[4];
        for (int c = 0; c < 4; c++) {
            built[c] = columns[c].build();
        }
        Engine engine = new Engine(NOW).register("CloudAppEvents", schema, List.of(Batch.dense(built, built[0].size())));

        QueryResult result = engine.run(seedQuery());
        List<String> names = result.columns().stream().map(QueryResult.Column::name).toList();
        assertEquals(List.of("Timestamp", "Total", "baseline", "anomalies", "score", "Timestamp1", "ActionType",
                "Application", "RawEventData"), names);
        assertEquals(spikeEventsOnTheHour, result.rowCount(), "one row per raw event exactly on the spike's hour");
        for (int r = 0; r < result.rowCount(); r++) {
            assertEquals("2024-01-29T20:00:00.0000000Z", result.text(r, 0));
            assertEquals("1", result.text(r, 3), "anomalies");
            assertTrue((Double) result.value(r, 4) > 1.5, "score above the threshold");
        }

        // The flagged hours of the whole series (not only the last two days): the spike alone.
        String flagged = seedQuery().substring(0, seedQuery().indexOf("TimeSeriesAlerts | where Timestamp > ago(2d)"))
                + "TimeSeriesAlerts | project Timestamp";
        QueryResult alerts = engine.run(flagged);
        List<String> hours = new ArrayList<>();
        for (int r = 0; r < alerts.rowCount(); r++) {
            hours.add(alerts.text(r, 0));
        }
        assertEquals(List.of("2024-01-29T20:00:00.0000000Z"), hours);
    }
}
