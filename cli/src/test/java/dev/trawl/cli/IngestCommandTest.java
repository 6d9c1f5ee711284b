package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trawl ingest} and {@code trawl query --store} end to end, as a user runs them. */
class IngestCommandTest {
    private static final Path FORMATS = Trawl.repositoryRoot().resolveSibling("shared").resolve("data/formats");

    @TempDir
    Path work;

    @Test
    void ingestsTheSharedExportsAndQueriesThem() throws Exception {
        Path store = work.resolve("store");
        Trawl.Result ingest = Trawl.run("ingest", "--store", store.toString(), "--format", "json", FORMATS.toString());
        assertEquals(0, ingest.exitCode(), ingest.err());
        JsonNode summary = new ObjectMapper().readTree(ingest.out());
        assertEquals(4, summary.path("files").asInt());
        assertEquals(1, summary.path("ingested").path("CloudAppEvents").asInt());
        assertEquals(1, summary.path("ingested").path("OfficeActivity").asInt());
        // The same record in four exports: the storage blob repeats the Event Hub message, the Purview row repeats
        // the Management API record (which added the OfficeActivity row, so it is not a duplicate).
        assertEquals(2, summary.path("duplicates").asInt());
        assertEquals(0, summary.path("quarantined").asInt());

        Trawl.Result query = Trawl.run("query", "--store", store.toString(), "--format", "csv",
                "CloudAppEvents | project ActionType, tostring(RawEventData.MailboxOwnerUPN)");
        assertEquals(0, query.exitCode(), query.err());
        assertEquals("ActionType,RawEventData_MailboxOwnerUPN\nMailItemsAccessed,pgustavo@simulandlabs.com\n", query.out().replace("\r\n", "\n"));

        Trawl.Result text = Trawl.run("ingest", "--store", store.toString(), FORMATS.toString());
        assertTrue(text.out().contains("duplicates skipped           4"), text.out());
    }

    @Test
    void aMissingStoreOrFileIsAClearError() {
        Trawl.Result query = Trawl.run("query", "--store", work.resolve("none").toString(), "CloudAppEvents | count");
        assertEquals(ExitCode.IO_ERROR, query.exitCode());
        assertTrue(query.err().contains("no Trawl store here"), query.err());
        Trawl.Result ingest = Trawl.run("ingest", "--store", work.resolve("s").toString(), work.resolve("nope.json").toString());
        assertEquals(ExitCode.USAGE, ingest.exitCode());
        assertTrue(ingest.err().contains("no such file or folder"), ingest.err());
        assertTrue(Files.notExists(work.resolve("s").resolve("manifest.json")), "nothing was committed");
    }

    @Test
    void badRecordsAreCountedAndTheRunSucceeds() throws Exception {
        Path lines = work.resolve("mixed.jsonl");
        Files.writeString(lines, "{\"TimeGenerated\":\"2024-01-01T00:00:00Z\",\"Type\":\"Heartbeat\",\"Computer\":\"a\"}\n"
                + "{not json\n");
        Trawl.Result ingest = Trawl.run("ingest", "--store", work.resolve("s").toString(), "--format", "json", lines.toString());
        assertEquals(0, ingest.exitCode(), ingest.err());
        JsonNode summary = new ObjectMapper().readTree(ingest.out());
        assertEquals(1, summary.path("ingested").path("Heartbeat").asInt());
        assertEquals(1, summary.path("quarantined").asInt());
        assertTrue(Files.isRegularFile(Path.of(summary.path("quarantineFile").asText())));
    }
}
