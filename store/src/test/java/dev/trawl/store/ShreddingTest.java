package dev.trawl.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.store.parquet.ShreddedBag;
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
 * RawEventData's hot properties read from their own columns: the answers equal those from the whole record,
 * and a filter on one parses no record.
 */
class ShreddingTest {
    @TempDir
    Path work;
    private Path store;

    @BeforeEach
    void ingest() throws IOException {
        Path export = work.resolve("export.jsonl");
        try (OutputStream out = Files.newOutputStream(export)) {
            new StreamingExport(9, Instant.parse("2024-02-01T00:00:00Z"), 2, 30).write(out, 1500);
        }
        store = work.resolve("store");
        StoreFixture.ingest(store, export);
    }

    @Test
    void shreddedPropertiesEqualTheWholeRecordsAndParseNothing() {
        long before = ShreddedBag.fullParses();
        List<String> fast = StoreFixture.rows(StoreFixture.query(store, """
                CloudAppEvents
                | where RawEventData.ResultStatus == "Succeeded"
                | summarize n = count() by Owner = tostring(RawEventData.MailboxOwnerUPN),
                    Access = tostring(RawEventData.OperationProperties[0].Value), Logon = toint(RawEventData.LogonType)
                | order by Owner asc, Access asc"""));
        assertEquals(before, ShreddedBag.fullParses(), "no record was parsed whole");
        // The same through the whole record's text, re-parsed.
        List<String> slow = StoreFixture.rows(StoreFixture.query(store, """
                CloudAppEvents
                | extend R = parse_json(tostring(RawEventData))
                | where R.ResultStatus == "Succeeded"
                | summarize n = count() by Owner = tostring(R.MailboxOwnerUPN),
                    Access = tostring(R.OperationProperties[0].Value), Logon = toint(R.LogonType)
                | order by Owner asc, Access asc"""));
        assertTrue(ShreddedBag.fullParses() > before, "tostring(RawEventData) needs the whole record");
        assertEquals(slow, fast);
        assertTrue(fast.size() > 30, fast.toString());
    }

    @Test
    void onlyThePropertiesAQueryReadsAreParsed() {
        long before = ShreddedBag.propertyParses();
        List<String> rows = StoreFixture.rows(StoreFixture.query(store,
                "CloudAppEvents | summarize count(), countif(RawEventData.ResultStatus == \"Succeeded\") > 1000"));
        long parsed = ShreddedBag.propertyParses() - before;
        assertEquals(List.of("1500|true"), rows);
        // One ResultStatus per row; the other shredded properties of each record are never decoded.
        assertEquals(1500, parsed);
    }

    @Test
    void otherPropertiesAndWholeBagsStillWork() {
        List<String> rows = StoreFixture.rows(StoreFixture.query(store, """
                CloudAppEvents
                | take 1
                | project Keys = array_length(bag_keys(RawEventData)), Count = toint(RawEventData.OperationCount) > 0,
                    Missing = isnull(RawEventData.NoSuchProperty), Has = bag_has_key(RawEventData, "Folders")"""));
        assertEquals(List.of("25|true|true|true"), rows);
    }
}
