package dev.trawl.store.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.vector.Batch;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments are written a block of rows at a time, column by column: every page must still hold whole rows,
 * with the row numbers its offset index says (other engines skip pages by them), and read back value for value.
 * Numbers, datetimes and bools keep their min/max; texts do not.
 */
class SegmentWriterTest {
    @TempDir
    Path dir;

    @Test
    void pagesHoldWholeBlocksOfRowsAndReadBackValueForValue() throws IOException {
        Schema schema = Schema.of(new Schema.Field("n", ScalarType.LONG), new Schema.Field("text", ScalarType.STRING),
                new Schema.Field("flag", ScalarType.BOOL), new Schema.Field("bag", ScalarType.DYNAMIC),
                new Schema.Field("bag.status", ScalarType.DYNAMIC));
        int rows = 10_000;
        RowBuffer buffer = new RowBuffer(schema, 16);
        for (int r = 0; r < rows; r++) {
            // Long, distinct texts (about 3 KB, so one block of rows is more than a page), a null now and then.
            String text = r % 97 == 0 ? null : ("row " + r + " ").repeat(300);
            String status = r % 2 == 0 ? "\"Succeeded\"" : "\"Failed\"";
            buffer.add(new Object[] {(long) r, text == null ? null : text.getBytes(StandardCharsets.UTF_8),
                r % 3 == 0 ? 1L : 0L, ("{\"status\":" + status + ",\"n\":" + r + "}").getBytes(StandardCharsets.UTF_8),
                status.getBytes(StandardCharsets.UTF_8)});
        }
        Path file = dir.resolve("segment.parquet");
        SegmentWriter.write(file, buffer);

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), SegmentReader.options())) {
            BlockMetaData group = reader.getRowGroups().get(0);
            assertEquals(rows, group.getRowCount());
            for (ColumnChunkMetaData column : group.getColumns()) {
                OffsetIndex pages = reader.readOffsetIndex(column);
                long next = 0;
                for (int p = 0; p < pages.getPageCount(); p++) {
                    assertEquals(next, pages.getFirstRowIndex(p), column.getPath() + " page " + p);
                    assertEquals(0, pages.getFirstRowIndex(p) % SegmentWriter.BLOCK, "pages begin at a block");
                    next = pages.getLastRowIndex(p, rows) + 1;
                }
                assertEquals(rows, next, column.getPath() + ": the pages cover every row once");
                String name = column.getPath().toArray()[0];
                boolean dictionary = column.getEncodings().contains(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY)
                        || column.getEncodings().contains(org.apache.parquet.column.Encoding.RLE_DICTIONARY);
                switch (name) {
                    case "text", "bag", "bag.status" -> assertTrue(column.getStatistics().isEmpty(),
                            name + " keeps no min/max: " + column.getStatistics());
                    default -> assertTrue(column.getStatistics().hasNonNullValue(), name + " keeps its min/max");
                }
                if (name.equals("text")) {
                    assertTrue(pages.getPageCount() > 3, "the text column spans several pages: " + pages.getPageCount());
                }
                assertEquals(name.equals("bag.status"), dictionary, name + ": " + column.getEncodings());
            }
        }

        Schema table = Schema.of(schema.field(0), schema.field(1), schema.field(2), schema.field(3));
        List<Batch> batches = SegmentReader.read(file, table, new boolean[] {true, true, true, true});
        int r = 0;
        for (Batch batch : batches) {
            for (int i = 0; i < batch.size(); i++, r++) {
                assertEquals((long) r, batch.columns()[0].get(batch.row(i)));
                Object text = batch.columns()[1].get(batch.row(i));
                assertEquals(r % 97 == 0 ? "" : ("row " + r + " ").repeat(300), java.util.Objects.toString(text, ""), "row " + r);
                assertEquals(r % 3 == 0, batch.columns()[2].get(batch.row(i)));
                assertEquals(r % 2 == 0 ? "Succeeded" : "Failed", ((java.util.Map<?, ?>) batch.columns()[3].get(batch.row(i))).get("status"));
            }
        }
        assertEquals(rows, r);
    }

    /**
     * Text columns that repeat, of Strings or of kept bytes (a shredded property's JSON text), are dictionary-
     * encoded by the segment writer itself (TextDictionary) when a dictionary pays, and written plain when it
     * does not: pages of whole blocks of rows, and every value, null, empty and non-ASCII text read back as
     * written, by Parquet's own reader.
     */
    @Test
    void repeatingTextsTakeADictionaryWhenItPaysAndReadBackValueForValue() throws Exception {
        Schema schema = Schema.of(new Schema.Field("few", ScalarType.STRING), new Schema.Field("one", ScalarType.STRING),
                new Schema.Field("none", ScalarType.STRING), new Schema.Field("distinct", ScalarType.STRING),
                new Schema.Field("widening", ScalarType.STRING), new Schema.Field("mixed", ScalarType.STRING),
                new Schema.Field("bag.kept", ScalarType.DYNAMIC), new Schema.Field("n", ScalarType.LONG),
                new Schema.Field("short", ScalarType.STRING));
        String[] few = {"MailItemsAccessed", "", "Zürich ☃ 東京", "Send", "a\u0000b"};
        byte[][] kept = {"\"Succeeded\"".getBytes(StandardCharsets.UTF_8), "\"Failed\"".getBytes(StandardCharsets.UTF_8),
            "{\"a\":[1,\"ü\"]}".getBytes(StandardCharsets.UTF_8)};
        int rows = 40_000; // more than two pages of TextDictionary.PAGE_ROWS
        java.util.function.IntFunction<Object[]> row = r -> new Object[] {
            r % 7 == 0 ? null : new String(few[(r * 31) % few.length]), // new String: equal texts, not one instance
            "Exchange",
            null,
            "id-" + r,
            // Repeats over the rows the distinctness check samples, then a megabyte of distinct texts.
            r < 4096 ? "early " + (r % 8) : "late " + r + " " + "x".repeat(40),
            r == 5 ? "kept".getBytes(StandardCharsets.UTF_8) : (r % 2 == 0 ? "even" : "odd"),
            r % 11 == 0 ? null : kept[r % 3].clone(), // copies: equal bytes, not one array
            (long) r,
            // Repeats over the sample, then short distinct texts: a dictionary under its page size, but ids and
            // dictionary together larger than the plain values.
            r < 4096 ? "e" + (r % 8) : "s" + r};
        RowBuffer buffer = new RowBuffer(schema, 16);
        for (int r = 0; r < rows; r++) {
            buffer.add(row.apply(r));
        }
        Path file = dir.resolve("texts.parquet");
        SegmentWriter.write(file, buffer);

        java.util.Map<String, Boolean> dictionaries = new java.util.HashMap<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), SegmentReader.options())) {
            BlockMetaData group = reader.getRowGroups().get(0);
            for (ColumnChunkMetaData column : group.getColumns()) {
                String name = column.getPath().toDotString();
                OffsetIndex pages = reader.readOffsetIndex(column);
                long next = 0;
                for (int p = 0; p < pages.getPageCount(); p++) {
                    assertEquals(next, pages.getFirstRowIndex(p), name + " page " + p);
                    assertEquals(0, pages.getFirstRowIndex(p) % SegmentWriter.BLOCK, "pages begin at a block");
                    next = pages.getLastRowIndex(p, rows) + 1;
                }
                assertEquals(rows, next, name + ": the pages cover every row once");
                assertEquals(rows, column.getValueCount(), name);
                dictionaries.put(name, column.getEncodings().contains(org.apache.parquet.column.Encoding.PLAIN_DICTIONARY));
                if (!name.equals("n")) {
                    assertTrue(column.getStatistics().isEmpty(), name + " keeps no min/max");
                }
                if (name.equals("few")) {
                    assertTrue(pages.getPageCount() >= 3, "few spans pages: " + pages.getPageCount());
                }
            }
        }
        // none has no value and mixed both Strings and bytes: Parquet's writer takes them, with its own dictionary.
        assertEquals(java.util.Map.of("few", true, "one", true, "none", false, "distinct", false, "widening", false,
                "mixed", true, "bag.kept", true, "n", false, "short", false), dictionaries);

        List<Batch> batches = SegmentReader.read(file, schema, new boolean[] {true, true, true, true, true, true, true, true, true});
        int r = 0;
        for (Batch batch : batches) {
            for (int i = 0; i < batch.size(); i++, r++) {
                Object[] expected = row.apply(r);
                for (int c = 0; c < 6; c++) {
                    Object value = expected[c] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : expected[c];
                    assertEquals(java.util.Objects.toString(value, ""),
                            java.util.Objects.toString(batch.columns()[c].get(batch.row(i)), ""), schema.field(c).name() + " row " + r);
                }
                Object bag = batch.columns()[6].get(batch.row(i));
                assertEquals(expected[6] == null ? null : dev.trawl.engine.value.Json.parse(
                        new String((byte[]) expected[6], StandardCharsets.UTF_8)), bag, "bag.kept row " + r);
                assertEquals((long) r, batch.columns()[7].get(batch.row(i)));
                assertEquals(expected[8], batch.columns()[8].get(batch.row(i)), "short row " + r);
            }
        }
        assertEquals(rows, r);
    }

    /**
     * A segment written when fewer properties were shredded (an older store) reads with the columns it has: a
     * property it shredded comes from its column, any other from the record's text.
     */
    @Test
    void aSegmentWithFewerShreddedPropertiesReadsWithTheOnesItHas() throws IOException {
        Schema older = Schema.of(new Schema.Field("RawEventData", ScalarType.DYNAMIC),
                new Schema.Field("RawEventData.ResultStatus", ScalarType.DYNAMIC));
        RowBuffer buffer = new RowBuffer(older, 4);
        buffer.add(new Object[] {"{\"ResultStatus\":\"Succeeded\",\"Workload\":\"Exchange\"}".getBytes(StandardCharsets.UTF_8),
            "\"Succeeded\"".getBytes(StandardCharsets.UTF_8)});
        Path file = dir.resolve("older.parquet");
        SegmentWriter.write(file, buffer);
        Schema table = Schema.of(new Schema.Field("RawEventData", ScalarType.DYNAMIC));
        Batch batch = SegmentReader.read(file, table, new boolean[] {true}).get(0);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> bag = (java.util.Map<String, Object>) batch.columns()[0].get(0);
        long whole = ShreddedBag.fullParses();
        assertEquals("Succeeded", bag.get("ResultStatus"));
        assertEquals(whole, ShreddedBag.fullParses(), "a shredded property reads its column");
        assertEquals("Exchange", bag.get("Workload"));
        assertEquals(whole + 1, ShreddedBag.fullParses(), "a property this segment did not shred reads the record");
    }
}
