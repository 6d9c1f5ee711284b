package dev.trawl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryResult;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed rule's query, verbatim from the mission document, over a store ingested from a Streaming API
 * export: 15 days of hourly MailItemsAccessed traffic with a daily cycle, some failed reads, one burst. The
 * burst's hour, and only it, is flagged, and the final join on Timestamp returns exactly the successful events
 * stamped on that hour's first tick — the rule's known weakness, reproduced rather than hidden.
 */
class SeedRuleOverStoreTest {
    private static final Instant NOW = Instant.parse("2024-01-31T12:00:00Z");
    private static final Instant BURST = Instant.parse("2024-01-29T20:00:00Z");
    private static final DateTimeFormatter ISO7 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path work;

    @Test
    void theBurstHourIsFlaggedAndItsOnTheHourEventsJoined() throws Exception {
        Path export = work.resolve("CloudAppEvents.jsonl");
        List<String> onTheBurstHour = new ArrayList<>();
        int burstTotal = 0;
        SplittableRandom random = new SplittableRandom(17);
        int id = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(export));
             JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (long hour = Instant.parse("2024-01-16T00:00:00Z").getEpochSecond(); hour < NOW.getEpochSecond(); hour += 3600) {
                int hourOfDay = (int) (hour / 3600 % 24);
                int count = 30 + (int) (20 * Math.sin(Math.PI * hourOfDay / 12)) + random.nextInt(5);
                boolean burst = hour == BURST.getEpochSecond();
                if (burst) {
                    count = 400;
                }
                int succeeded = 0;
                for (int e = 0; e < count; e++) {
                    // Every hour has two events on its first tick, one of them a failed read.
                    Instant at = e < 2 ? Instant.ofEpochSecond(hour)
                            : Instant.ofEpochSecond(hour + random.nextInt(3600), random.nextInt(10_000_000) * 100);
                    boolean ok = e != 1 && random.nextInt(40) != 0;
                    String uid = String.format("00000000-0000-0000-0000-%012d", id++);
                    record(g, at, uid, ok);
                    if (ok) {
                        succeeded++;
                    }
                    if (burst && ok && at.getEpochSecond() == hour && at.getNano() == 0) {
                        onTheBurstHour.add(uid);
                    }
                }
                if (burst) {
                    burstTotal = succeeded;
                }
            }
        }
        Path store = work.resolve("store");
        StoreFixture.ingest(store, export);

        Engine engine = new Engine(NOW);
        StoreTables.register(engine, Store.open(store));
        QueryResult result = engine.run(seedQuery());
        List<String> columns = result.columns().stream().map(QueryResult.Column::name).toList();
        assertEquals(List.of("Timestamp", "Total", "baseline", "anomalies", "score"), columns.subList(0, 5));
        int idColumn = columns.indexOf("ReportId");
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < result.rowCount(); r++) {
            assertEquals("2024-01-29T20:00:00.0000000Z", result.text(r, 0));
            assertEquals((double) burstTotal, ((Number) result.value(r, 1)).doubleValue(), "Total of the burst hour");
            assertEquals(1.0, ((Number) result.value(r, 3)).doubleValue(), "anomalies");
            ids.add(result.text(r, idColumn));
        }
        assertEquals(onTheBurstHour, ids);
        assertEquals(1, onTheBurstHour.size(), "of the two on-the-hour events one is a failed read");
    }

    private static void record(JsonGenerator g, Instant at, String id, boolean succeeded) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", ISO7.format(at));
        g.writeStringField("category", "AdvancedHunting-CloudAppEvents");
        g.writeObjectFieldStart("properties");
        g.writeStringField("Timestamp", ISO7.format(at));
        g.writeStringField("ActionType", "MailItemsAccessed");
        g.writeStringField("Application", "Microsoft Exchange Online");
        g.writeStringField("ReportId", id);
        g.writeObjectFieldStart("RawEventData");
        g.writeStringField("Id", id);
        g.writeStringField("ResultStatus", succeeded ? "Succeeded" : "Failed");
        g.writeStringField("MailboxOwnerUPN", "user" + (id.hashCode() & 7) + "@contoso.example");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** The query of the seed rule, as the mission document gives it. */
    static String seedQuery() throws IOException {
        String seed = Files.readString(StoreFixture.shared().resolve("mission/seed-rule.md"));
        int start = seed.indexOf("KQL Query\n") + "KQL Query\n".length();
        return seed.substring(start, seed.indexOf("\nid: 148de00b"));
    }
}
