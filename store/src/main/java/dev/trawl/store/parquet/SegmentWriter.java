package dev.trawl.store.parquet;

import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Writes a {@link RowBuffer} as one Parquet file of one row group (zstd pages, dictionary encoding for columns
 * that repeat). Text columns that repeat are dictionary-encoded by {@link TextDictionary}; the other columns'
 * values go straight to Parquet's column writers: the schema is flat, so the record-assembly layer (a record
 * consumer tracking fields per row) would only add work. A segment holds at most the ingest's flush size of
 * rows, small enough for one row group.
 *
 * <p>Values are written a block of {@link #BLOCK} rows at a time, column by column within the block: one
 * column's writer and values stay hot in the cache, which made writing a segment about 40% cheaper than row
 * by row. Parquet checks whether to cut a page exactly every {@link #BLOCK} rows, at the end of a block, so
 * every page still holds whole rows and its row count is exact.
 */
public final class SegmentWriter {
    /** Rows written column by column before the rows are ended; Parquet's page-size check runs at this pace. */
    static final int BLOCK = 1024;

    private SegmentWriter() {
    }

    public static void write(Path file, RowBuffer rows) throws IOException {
        Schema schema = rows.schema();
        MessageType message = ParquetTypes.message(schema);
        // Statistics are off for every column and turned on by name for numbers, datetimes and bools. Min/max
        // of audit texts (ids, names, addresses, user agents, JSON) span nearly every value of a segment and
        // prune nothing (a segment is found by its day partition and Timestamp range, which keep theirs), and
        // keeping them cost two byte comparisons a value. The default must be off because a per-column setting
        // names its column by a dotted path, which cannot name a shredded property's column: its name,
        // "RawEventData.ResultStatus", has a dot.
        ParquetProperties.Builder properties = ParquetProperties.builder().withDictionaryEncoding(true)
                .withStatisticsEnabled(false).withSizeStatisticsEnabled(false)
                .withMinRowCountForPageSizeCheck(BLOCK).withMaxRowCountForPageSizeCheck(BLOCK);
        // Text columns that repeat are dictionary-encoded here (TextDictionary); Parquet's writers take the rest.
        TextDictionary[] dictionaries = new TextDictionary[schema.size()];
        for (int c = 0; c < schema.size(); c++) {
            Schema.Field field = schema.field(c);
            boolean shredded = field.name().indexOf('.') >= 0;
            if (field.type() == ScalarType.DYNAMIC && !shredded) {
                // Whole JSON records, nearly all distinct: a dictionary would only be built to be thrown away.
                properties.withDictionaryEncoding(field.name(), false);
                continue;
            }
            if (RowBuffer.kind(field.type()) != RowBuffer.Kind.TEXT) {
                properties.withStatisticsEnabled(field.name(), true);
                if (field.type() != ScalarType.BOOL && rows.mostlyDistinct(c)) {
                    properties.withDictionaryEncoding(field.name(), false);
                }
                continue;
            }
            // A text, or a shredded property's JSON text (see Shredding: ResultStatus, Workload, a mailbox's UPN).
            TextDictionary dictionary = TextDictionary.of(rows, c, ParquetProperties.DEFAULT_DICTIONARY_PAGE_SIZE);
            if (dictionary != null && dictionary.pays()) {
                dictionaries[c] = dictionary;
            } else if (dictionary != null) {
                // Mostly distinct, too many texts for a dictionary page, or no smaller with one: written plain.
                properties.withDictionaryEncoding(field.name(), false);
            }
            // Otherwise no value at all, or both Strings and kept bytes: Parquet's own dictionary and fallback.
        }
        ParquetProperties props = properties.build();
        ParquetFileWriter out = new ParquetFileWriter(new LocalOutputFile(file), message, ParquetFileWriter.Mode.CREATE,
                Long.MAX_VALUE, 0, null, props);
        out.start();
        ColumnChunkPageWriteStore pages = new ColumnChunkPageWriteStore(
                ZstdCodecs.INSTANCE.getCompressor(CompressionCodecName.ZSTD), message, props.getAllocator(),
                props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
        // Parquet's column writers take the other columns. They share the file's page store, which finds a
        // column's pages by its path, so every column's chunk is still written in the schema's order.
        List<ColumnDescriptor> descriptors = message.getColumns();
        List<Integer> viaParquet = new ArrayList<>();
        List<Type> fields = new ArrayList<>();
        for (int c = 0; c < descriptors.size(); c++) {
            if (dictionaries[c] == null) {
                viaParquet.add(c);
                fields.add(message.getType(c));
            }
        }
        ColumnWriteStore store = null;
        if (!viaParquet.isEmpty()) {
            store = props.newColumnWriteStore(new MessageType(message.getName(), fields), pages);
            ColumnWriter[] writers = new ColumnWriter[viaParquet.size()];
            for (int w = 0; w < writers.length; w++) {
                writers[w] = store.getColumnWriter(descriptors.get(viaParquet.get(w)));
            }
            for (int from = 0; from < rows.size(); from += BLOCK) {
                int to = Math.min(rows.size(), from + BLOCK);
                for (int w = 0; w < writers.length; w++) {
                    int c = viaParquet.get(w);
                    writeColumn(writers[w], schema.field(c).type(), rows, c, from, to);
                }
                for (int row = from; row < to; row++) {
                    store.endRecord();
                }
            }
            store.flush();
        }
        for (int c = 0; c < dictionaries.length; c++) {
            if (dictionaries[c] != null) {
                dictionaries[c].write(pages.getPageWriter(descriptors.get(c)), descriptors.get(c), props);
            }
        }
        out.startBlock(rows.size());
        pages.flushToFileWriter(out);
        out.endBlock();
        if (store != null) {
            store.close();
        }
        pages.close();
        out.end(Map.of(ParquetTypes.SCHEMA_KEY, ParquetTypes.schemaText(schema)));
    }

    private static void writeColumn(ColumnWriter writer, ScalarType type, RowBuffer rows, int c, int from, int to) {
        for (int row = from; row < to; row++) {
            if (rows.isNull(c, row)) {
                writer.writeNull(0, 0);
                continue;
            }
            switch (type) {
                case BOOL -> writer.write(rows.longAt(c, row) != 0, 0, 1);
                case INT -> writer.write((int) rows.longAt(c, row), 0, 1);
                case LONG, TIMESPAN -> writer.write(rows.longAt(c, row), 0, 1);
                case DATETIME -> writer.write(ParquetTypes.nanos(rows.longAt(c, row)), 0, 1);
                case REAL -> writer.write(rows.doubleAt(c, row), 0, 1);
                default -> writer.write(rows.binaryAt(c, row), 0, 1);
            }
        }
    }
}
