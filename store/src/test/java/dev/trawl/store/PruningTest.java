package dev.trawl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trawl.engine.exec.Engine;
import dev.trawl.store.synthetic.StreamingExport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans read only the day partitions a time filter allows and only the columns the query uses, and the
 * answers are the same as with nothing pruned.
 */
class PruningTest {
    @TempDir
    Path work;
    private Path store;

    @BeforeEach
    void tenDays() throws IOException {
        Path export = work.resolve("export.jsonl");
        try (OutputStream out = Files.newOutputStream(export)) {
            new StreamingExport(5, Instant.parse("2024-02-01T00:00:00Z"), 10, 20).write(out, 2000);
        }
        store = work.resolve("store");
        StoreFixture.ingest(store, export);
        assertEquals(10, Store.open(store).manifest().segments().size(), "one segment per day");
    }

    private Store.ScanStatistics run(String query, List<String> expected) throws IOException {
        Store opened = Store.open(store);
        Engine engine = new Engine(Instant.parse("2024-02-11T00:00:00Z"));
        StoreTables.register(engine, opened);
        assertEquals(expected, StoreFixture.rows(engine.run(query)), query);
        return opened.statistics();
    }

    private long count(String where) {
        return ((Number) StoreFixture.query(store, "CloudAppEvents | extend T = Timestamp | where " + where
                + " | count").value(0, 0)).longValue();
    }

    @Test
    void timeFiltersSkipDays() throws IOException {
        // The same filter on a copy of the column (not pushed down) gives the reference count.
        String lastTwoDays = "Timestamp > ago(2d)";
        long expected = count("T > datetime(2024-02-09)");
        Store.ScanStatistics stats = run("CloudAppEvents | where " + lastTwoDays + " | count", List.of(Long.toString(expected)));
        assertEquals(2, stats.segmentsOpened());
        long between = count("T between (datetime(2024-02-03) .. datetime(2024-02-04T12:00:00))");
        stats = run("CloudAppEvents | where Timestamp between (datetime(2024-02-03) .. datetime(2024-02-04T12:00:00)) | count",
                List.of(Long.toString(between)));
        assertEquals(2, stats.segmentsOpened());
        stats = run("CloudAppEvents | where ActionType == 'MailItemsAccessed' and datetime(2024-02-08) <= Timestamp | count",
                List.of(Long.toString(count("T >= datetime(2024-02-08)"))));
        assertEquals(3, stats.segmentsOpened(), "a constant on the left, inside an and");
        // A filter on another column, or after an operator that changes rows, prunes nothing.
        stats = run("CloudAppEvents | summarize T = max(Timestamp) | where T > ago(2d) | count", List.of("1"));
        assertEquals(10, stats.segmentsOpened());
    }

    @Test
    void onlyTheColumnsAQueryReadsAreDecoded() throws IOException {
        Store.ScanStatistics stats = run("CloudAppEvents | where Timestamp < datetime(2024-02-02) | summarize count() by ActionType",
                List.of("MailItemsAccessed|" + count("T < datetime(2024-02-02)")));
        assertEquals(2, stats.columnChunksDecoded(), "Timestamp and ActionType of one segment");
        // The seed rule's first lines: Timestamp, ActionType, RawEventData.
        stats = run("CloudAppEvents | where Timestamp < datetime(2024-02-02) | where ActionType == 'MailItemsAccessed' "
                + "and RawEventData.ResultStatus == 'Succeeded' | project Timestamp | count",
                List.of(Long.toString(((Number) StoreFixture.query(store, "CloudAppEvents | where Timestamp < datetime(2024-02-02)"
                        + " | where tostring(RawEventData.ResultStatus) == 'Succeeded' | count").value(0, 0)).longValue())));
        int shredded = dev.trawl.store.parquet.Shredding.PROPERTIES.get("RawEventData").size();
        assertEquals(3 + shredded, stats.columnChunksDecoded(), "RawEventData comes with its shredded properties");
        // Everything flows to the output: every column of the one segment is read.
        int width = Store.open(store).schema("CloudAppEvents").size();
        String first = "CloudAppEvents | where Timestamp < datetime(2024-02-02) | take 1";
        stats = run(first, StoreFixture.rows(StoreFixture.query(store, first)));
        assertEquals(width + shredded, stats.columnChunksDecoded());
        // Segments are read as the scan reaches them: a query that needs no row reads none.
        stats = run("CloudAppEvents | take 0", List.of());
        assertEquals(0, stats.segmentsOpened());
    }

    @Test
    void aBuiltInTableTheStoreHasNoRowsOfIsEmptyNotUnknown() {
        assertEquals(List.of("0"), StoreFixture.rows(StoreFixture.query(store,
                "union CloudAppEvents, OfficeActivity | where TimeGenerated > ago(1d) | count")));
        assertEquals(List.of("0"), StoreFixture.rows(StoreFixture.query(store, "OfficeActivity | count")));
    }
}
