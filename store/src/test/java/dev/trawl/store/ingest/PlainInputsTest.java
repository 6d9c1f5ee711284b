package dev.trawl.store.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import dev.trawl.store.Store;
import dev.trawl.store.StoreFixture;
import dev.trawl.store.parquet.RowBuffer;
import dev.trawl.store.parquet.SegmentWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain JSON lines, CSV and Parquet of any table: a given schema, inferred types, and Parquet's own types. */
class PlainInputsTest {
    @TempDir
    Path work;

    private IngestSummary ingest(Ingest.Options options, Path... files) throws Exception {
        return new Ingest(work.resolve("store"), options, Ingest.Progress.NONE).run(List.of(files));
    }

    @Test
    void csvWithAGivenSchema() throws Exception {
        Path csv = work.resolve("hosts.csv");
        Files.writeString(csv, "Name,Seen,Score,Tags\nweb1,2024-05-01T10:00:00Z,0.5,\"[\"\"a\"\"]\"\ndb1,2024-05-02T11:00:00Z,2,[]\n");
        Schema schema = new Schema(List.of(new Schema.Field("Name", ScalarType.STRING),
                new Schema.Field("Seen", ScalarType.DATETIME), new Schema.Field("Score", ScalarType.REAL),
                new Schema.Field("Tags", ScalarType.DYNAMIC)));
        IngestSummary summary = ingest(new Ingest.Options("Hosts", Ingest.DEFAULT_MAX_RECORD_BYTES, Ingest.FLUSH_ROWS, schema), csv);
        assertEquals(2L, summary.ingested().get("Hosts"));
        assertEquals(List.of("web1|2024-05-01T10:00:00.0000000Z|0.5|1", "db1|2024-05-02T11:00:00.0000000Z|2|0"),
                StoreFixture.rows(StoreFixture.query(work.resolve("store"),
                        "Hosts | project Name, Seen, Score, array_length(Tags) | order by Seen asc")));
        assertEquals(schema, Store.open(work.resolve("store")).schema("Hosts"));
    }

    @Test
    void jsonLinesWithInferredTypes() throws Exception {
        Path lines = work.resolve("signins.jsonl");
        Files.writeString(lines, "{\"TimeGenerated\":\"2024-05-01T10:00:00Z\",\"User\":\"ana\",\"Risk\":3,\"Ok\":true,\"Ctx\":{\"a\":1}}\n"
                + "{\"TimeGenerated\":\"2024-05-01T11:00:00Z\",\"User\":\"bo\",\"Risk\":\"high\",\"Ok\":false}\n");
        IngestSummary summary = ingest(new Ingest.Options("SigninLogs", Ingest.DEFAULT_MAX_RECORD_BYTES), lines);
        assertEquals(1L, summary.ingested().get("SigninLogs"));
        assertEquals(1, summary.quarantined(), "Risk was inferred as long from the first row; 'high' does not fit");
        Schema schema = Store.open(work.resolve("store")).schema("SigninLogs");
        assertEquals(List.of(ScalarType.DATETIME, ScalarType.STRING, ScalarType.LONG, ScalarType.BOOL, ScalarType.DYNAMIC),
                schema.fields().stream().map(Schema.Field::type).toList());
    }

    @Test
    void parquetFilesOfAnyToolAreReadWithTheirTypes() throws Exception {
        // A flat Parquet file with a timestamp, a string, a double and JSON text, as another tool would write it.
        Schema schema = new Schema(List.of(new Schema.Field("TimeGenerated", ScalarType.DATETIME),
                new Schema.Field("Host", ScalarType.STRING), new Schema.Field("Load", ScalarType.REAL),
                new Schema.Field("Info", ScalarType.DYNAMIC)));
        RowBuffer rows = new RowBuffer(schema, 4);
        long t = dev.trawl.kql.syntax.LiteralValues.datetimeTicks("2024-05-01T10:00:00.1234567Z");
        rows.add(new Object[] {t, "web1", 0.25, "{\"os\":\"linux\"}"});
        rows.add(new Object[] {t + 10, "db1", null, null});
        Path file = work.resolve("Heartbeat.parquet");
        SegmentWriter.write(file, rows);
        Path junk = work.resolve("broken.parquet");
        Files.write(junk, new byte[] {'P', 'A', 'R', '1', 0, 1, 2, 3});
        IngestSummary summary = ingest(Ingest.Options.defaults(), file, junk);
        assertEquals(2L, summary.ingested().get("Heartbeat"), "the table is named by the file");
        assertEquals(1, summary.quarantined(), "a corrupt Parquet file is one quarantine entry");
        assertEquals(List.of("2024-05-01T10:00:00.1234567Z|web1|0.25|linux", "2024-05-01T10:00:00.1234577Z|db1|null|"),
                StoreFixture.rows(StoreFixture.query(work.resolve("store"),
                        "Heartbeat | project TimeGenerated, Host, Load, tostring(Info.os) | order by TimeGenerated asc")));
        assertTrue(Store.open(work.resolve("store")).schema("Heartbeat").fields().get(0).type() == ScalarType.DATETIME);
    }
}
