package dev.trawl.store.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One text column of a segment, dictionary-encoded here rather than by Parquet's column writer, and written
 * as the pages that writer would write: data pages V1 of definition levels and dictionary ids (each id run
 * length / bit packed at the dictionary's bit width), then a PLAIN dictionary page, no statistics (texts keep
 * none, see {@link SegmentWriter}).
 *
 * <p>Why: the whole column is in memory, so the dictionary is built in one pass before anything is written.
 * Parquet's writer instead wraps each value in a binary (encoding a String to UTF-8 first), then hashes and
 * compares its bytes one at a time through its map. In the profile of a content blob ingest, whose rows hold
 * Strings and whose two views make the writer half of the work, that was a third of the writer thread. Here a
 * value's id is found by the String's own cached hash or a vectorized hash of the bytes, then by identity for
 * the many values the parsers interned, and each distinct String is encoded once.
 *
 * <p>Parquet's writer falls back to plain values when its dictionary outgrows the dictionary page size, or
 * when the first page's ids and dictionary are not smaller than its plain values. The same two rules decide
 * here, over the whole column, and a third that stops early: values mostly distinct over the segment's first
 * rows (as number columns are judged, see {@link RowBuffer#mostlyDistinct(int)}). When one says no
 * ({@link #pays()} is false), the segment writer has Parquet write the column plain.
 */
final class TextDictionary {
    /** Rows per data page: whole blocks of rows, as Parquet's own pages in a segment (see SegmentWriter). */
    static final int PAGE_ROWS = 16 * SegmentWriter.BLOCK;

    /** The dictionary's entries by id, encoded. */
    private final byte[][] entries;
    private final int size;
    /** Each row's id, -1 for null. */
    private final int[] ids;
    private final boolean pays;

    private TextDictionary(byte[][] entries, int size, int[] ids, boolean pays) {
        this.entries = entries;
        this.size = size;
        this.ids = ids;
        this.pays = pays;
    }

    /**
     * The column's dictionary, or null when it has no value, or holds both Strings and kept bytes (a segment
     * whose records came partly through the general path): those are left to Parquet's writer rather than
     * given a dictionary where one text could appear twice. {@code maxDictionaryBytes} is Parquet's dictionary
     * page size, past which it would fall back to plain.
     */
    static TextDictionary of(RowBuffer rows, int column, int maxDictionaryBytes) {
        int count = rows.size();
        int[] ids = new int[count];
        int capacity = 1024;
        Object[] keys = new Object[capacity];
        int[] keyHashes = new int[capacity];
        int[] keyIds = new int[capacity];
        byte[][] entries = new byte[256][];
        int size = 0;
        long dictionaryBytes = 0;
        long plainBytes = 0;
        int values = 0;
        Class<?> kind = null;
        for (int row = 0; row < count; row++) {
            if (rows.isNull(column, row)) {
                ids[row] = -1;
                continue;
            }
            Object value = rows.textValue(column, row);
            if (value.getClass() != kind) {
                if (kind != null) {
                    return null;
                }
                kind = value.getClass();
            }
            // A String's hash is cached in it; kept bytes are hashed whole (vectorized), where Parquet's
            // binary hashes and compares them a byte at a time.
            int hash = value instanceof String text ? text.hashCode() : java.util.Arrays.hashCode((byte[]) value);
            int slot = spread(hash) & (capacity - 1);
            int id;
            while (true) {
                Object key = keys[slot];
                if (key == null) {
                    byte[] encoded = value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) value;
                    dictionaryBytes += 4 + encoded.length;
                    if (dictionaryBytes > maxDictionaryBytes) {
                        return new TextDictionary(entries, size, ids, false);
                    }
                    if (size == entries.length) {
                        entries = java.util.Arrays.copyOf(entries, size * 2);
                    }
                    id = size++;
                    entries[id] = encoded;
                    keys[slot] = value;
                    keyHashes[slot] = hash;
                    keyIds[slot] = id;
                    if (size * 2 > capacity) {
                        capacity *= 2;
                        Object[] oldKeys = keys;
                        int[] oldHashes = keyHashes;
                        int[] oldIds = keyIds;
                        keys = new Object[capacity];
                        keyHashes = new int[capacity];
                        keyIds = new int[capacity];
                        for (int s = 0; s < oldKeys.length; s++) {
                            if (oldKeys[s] != null) {
                                int to = spread(oldHashes[s]) & (capacity - 1);
                                while (keys[to] != null) {
                                    to = (to + 1) & (capacity - 1);
                                }
                                keys[to] = oldKeys[s];
                                keyHashes[to] = oldHashes[s];
                                keyIds[to] = oldIds[s];
                            }
                        }
                    }
                    break;
                }
                // Identity first: the parsers hand out one instance per distinct text they see often.
                if (key == value || (keyHashes[slot] == hash && (value instanceof String text ? text.equals(key)
                        : java.util.Arrays.equals((byte[]) key, (byte[]) value)))) {
                    id = keyIds[slot];
                    break;
                }
                slot = (slot + 1) & (capacity - 1);
            }
            ids[row] = id;
            plainBytes += 4 + entries[id].length;
            values++;
            if (row + 1 == Math.min(count, RowBuffer.DISTINCT_SAMPLE) && RowBuffer.mostlyDistinct(size, row + 1)) {
                // Mostly distinct over the segment's first rows: plain, as for number columns (RowBuffer).
                return new TextDictionary(entries, size, ids, false);
            }
        }
        if (size == 0) {
            return null; // no value at all: nothing for a dictionary to hold
        }
        // Parquet's test (FallbackValuesWriter.isCompressionSatisfying): ids plus dictionary smaller than plain.
        long idBytes = ((long) values * bitWidth(size) + 7) / 8;
        return new TextDictionary(entries, size, ids, idBytes + dictionaryBytes < plainBytes);
    }

    private static int spread(int hash) {
        return (hash ^ (hash >>> 16)) * 0x9E3779B1;
    }

    /** The bit width of ids 0 .. size-1, as Parquet's dictionary writer computes it (0 for a single entry). */
    private static int bitWidth(int size) {
        return 32 - Integer.numberOfLeadingZeros(size - 1);
    }

    /** Whether the dictionary is small enough and makes the column smaller; else the column is written plain. */
    boolean pays() {
        return pays;
    }

    /** Writes the column's data pages and its dictionary page to its page writer. */
    void write(PageWriter pages, ColumnDescriptor descriptor, ParquetProperties props) throws IOException {
        PrimitiveType type = descriptor.getPrimitiveType();
        int width = bitWidth(size);
        byte[] widthByte = {(byte) width};
        for (int from = 0; from < ids.length; from += PAGE_ROWS) {
            int to = Math.min(ids.length, from + PAGE_ROWS);
            // Parquet's own level writers for this column: none for repetition (flat), RLE for definition.
            try (ValuesWriter repetition = props.newRepetitionLevelWriter(descriptor);
                 ValuesWriter definition = props.newDefinitionLevelWriter(descriptor);
                 RunLengthBitPackingHybridEncoder values = new RunLengthBitPackingHybridEncoder(width, 64,
                         props.getPageSizeThreshold(), props.getAllocator())) {
                for (int row = from; row < to; row++) {
                    int id = ids[row];
                    repetition.writeInteger(0);
                    if (id < 0) {
                        definition.writeInteger(0);
                    } else {
                        definition.writeInteger(1);
                        values.writeInt(id);
                    }
                }
                BytesInput page = BytesInput.concat(repetition.getBytes(), definition.getBytes(),
                        BytesInput.from(widthByte), values.toBytes());
                pages.writePage(page, to - from, to - from, Statistics.noopStats(type),
                        SizeStatistics.noopBuilder(type, descriptor.getMaxRepetitionLevel(),
                                descriptor.getMaxDefinitionLevel()).build(),
                        GeospatialStatistics.noopBuilder().build(), repetition.getEncoding(), definition.getEncoding(),
                        Encoding.PLAIN_DICTIONARY);
            }
        }
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        for (int id = 0; id < size; id++) {
            int length = entries[id].length;
            plain.write(length);
            plain.write(length >>> 8);
            plain.write(length >>> 16);
            plain.write(length >>> 24);
            plain.write(entries[id]);
        }
        pages.writeDictionaryPage(new DictionaryPage(BytesInput.from(plain.toByteArray()), size,
                Encoding.PLAIN_DICTIONARY));
    }
}
