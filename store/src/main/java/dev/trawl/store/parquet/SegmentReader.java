package dev.trawl.store.parquet;

import dev.trawl.engine.value.Json;
import dev.trawl.engine.vector.BoolColumn;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.DoubleColumn;
import dev.trawl.engine.vector.LongColumn;
import dev.trawl.engine.vector.ObjectColumn;
import dev.trawl.engine.vector.Batch;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a segment written by {@link SegmentWriter} into engine batches, decoding only the requested columns
 * (the others' pages are never read from disk). Values go straight from Parquet's column readers into
 * primitive arrays; no record objects are assembled.
 */
public final class SegmentReader {
    static final int BATCH_ROWS = 8192;

    private SegmentReader() {
    }

    /** Read options for the store's codecs; plain Parquet input files are read with them too. */
    public static ParquetReadOptions options() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).withCodecFactory(ZstdCodecs.INSTANCE).build();
    }

    /** The KQL schema the file was written with. */
    public static Schema schema(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options())) {
            return schemaOf(reader, file);
        }
    }

    private static Schema schemaOf(ParquetFileReader reader, Path file) throws IOException {
        String text = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(ParquetTypes.SCHEMA_KEY);
        if (text == null) {
            throw new IOException(file + " is not a Trawl store segment (no " + ParquetTypes.SCHEMA_KEY + " metadata)");
        }
        return ParquetTypes.parseSchemaText(text);
    }

    /**
     * The rows of {@code file} as batches over {@code wanted} (a table schema): a wanted column the file lacks
     * reads as nulls (an older segment written before the column existed), and a column whose
     * {@code needed} flag is false as nulls without being read (the query never looks at it).
     */
    public static List<Batch> read(Path file, Schema wanted, boolean[] needed) throws IOException {
        return read(file, wanted, needed, count -> { });
    }

    /** {@link #read(Path, Schema, boolean[])}, telling {@code decoded} how many column chunks it decoded. */
    public static List<Batch> read(Path file, Schema wanted, boolean[] needed, java.util.function.LongConsumer decoded)
            throws IOException {
        List<Batch> batches = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options())) {
            Schema written = schemaOf(reader, file);
            MessageType message = reader.getFooter().getFileMetaData().getSchema();
            List<Type> projected = new ArrayList<>();
            for (int c = 0; c < wanted.size(); c++) {
                String name = wanted.field(c).name();
                int at = written.indexOf(name);
                if (needed[c] && at >= 0 && written.field(at).type() == wanted.field(c).type()) {
                    projected.add(message.getType(name));
                    for (String shredded : shreddedOf(written, wanted.field(c))) {
                        projected.add(message.getType(shredded));
                    }
                }
            }
            MessageType projection = new MessageType(message.getName(), projected);
            reader.setRequestedSchema(projection);
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                int rows = Math.toIntExact(pages.getRowCount());
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new Ignore(),
                        projection, createdBy);
                Column[] columns = new Column[wanted.size()];
                for (int c = 0; c < wanted.size(); c++) {
                    Schema.Field field = wanted.field(c);
                    List<String> shredded = projection.containsField(field.name()) ? shreddedOf(written, field) : List.of();
                    if (!shredded.isEmpty()) {
                        columns[c] = readBags(store, projection, field.name(), shredded, rows, file);
                        decoded.accept(1 + shredded.size());
                    } else if (projection.containsField(field.name())) {
                        ColumnDescriptor descriptor = projection.getColumnDescription(new String[] {field.name()});
                        columns[c] = readColumn(store.getColumnReader(descriptor), field.type(), rows, file);
                        decoded.accept(1);
                    } else {
                        columns[c] = nulls(field.type(), rows);
                    }
                }
                List<Column[]> slices = new ArrayList<>();
                List<Integer> sizes = new ArrayList<>();
                for (int start = 0; start < rows; start += BATCH_ROWS) {
                    int end = Math.min(rows, start + BATCH_ROWS);
                    Column[] slice = new Column[columns.length];
                    for (int c = 0; c < columns.length; c++) {
                        slice[c] = slice(columns[c], start, end);
                    }
                    slices.add(slice);
                    sizes.add(end - start);
                }
                encodeStrings(wanted, needed, slices);
                for (int b = 0; b < slices.size(); b++) {
                    batches.add(Batch.dense(slices.get(b), sizes.get(b)));
                }
            }
        }
        return batches;
    }

    /** The file's shredded columns of a dynamic column ({@code RawEventData.ResultStatus}, ...), in file order. */
    private static List<String> shreddedOf(Schema written, Schema.Field field) {
        if (field.type() != ScalarType.DYNAMIC) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Schema.Field candidate : written.fields()) {
            if (candidate.name().startsWith(field.name() + ".") && candidate.type() == ScalarType.DYNAMIC) {
                names.add(candidate.name());
            }
        }
        return names;
    }

    /**
     * A dynamic column with shredded properties, as {@link ShreddedBag}s: neither the whole text nor a shredded
     * property is decoded here, only when a query reads it (most read two or three of a record's properties).
     */
    private static Column readBags(ColumnReadStoreImpl store, MessageType projection, String name, List<String> shredded,
            int rows, Path file) throws IOException {
        ColumnReader raw = store.getColumnReader(projection.getColumnDescription(new String[] {name}));
        int maxRaw = raw.getDescriptor().getMaxDefinitionLevel();
        // Each record's bytes are copied out of the page (a kept row must not keep its whole page alive); the
        // shredded values stay views of their pages (which nothing reuses: each page is decompressed into an array
        // of its own, and those columns are small) until a query reads them.
        byte[][] texts = new byte[rows][];
        for (int r = 0; r < rows; r++, raw.consume()) {
            if (raw.getCurrentDefinitionLevel() == maxRaw) {
                texts[r] = raw.getBinary().getBytes();
            }
        }
        String[] keys = new String[shredded.size()];
        Object[][] values = new Object[shredded.size()][rows];
        boolean[][] present = new boolean[shredded.size()][rows];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = shredded.get(k).substring(name.length() + 1);
            ColumnReader reader = store.getColumnReader(projection.getColumnDescription(new String[] {shredded.get(k)}));
            int max = reader.getDescriptor().getMaxDefinitionLevel();
            for (int r = 0; r < rows; r++, reader.consume()) {
                if (reader.getCurrentDefinitionLevel() == max) {
                    present[k][r] = true;
                    values[k][r] = ShreddedBag.pending(reader.getBinary());
                }
            }
        }
        Object[] bags = new Object[rows];
        for (int r = 0; r < rows; r++) {
            if (texts[r] == null) {
                continue;
            }
            if (!startsObject(texts[r])) {
                // Not a bag (an export's odd RawEventData): its value as it is; it has no shredded properties.
                bags[r] = value(ScalarType.DYNAMIC, new String(texts[r], java.nio.charset.StandardCharsets.UTF_8), file);
                continue;
            }
            Object[] rowValues = new Object[keys.length];
            boolean[] rowPresent = new boolean[keys.length];
            for (int k = 0; k < keys.length; k++) {
                rowValues[k] = values[k][r];
                rowPresent[k] = present[k][r];
            }
            bags[r] = new ShreddedBag(texts[r], keys, rowValues, rowPresent);
        }
        return new ObjectColumn(ScalarType.DYNAMIC, bags, rows);
    }

    /**
     * String columns that repeat (ActionType, Application, UserAgent...) become dictionary columns, one dictionary
     * per row group, so the engine computes a string predicate once per distinct value, as it does for tables
     * registered in memory. Columns that do not repeat enough stay as they are.
     */
    private static void encodeStrings(Schema wanted, boolean[] needed, List<Column[]> slices) {
        if (slices.isEmpty()) {
            return;
        }
        for (int c = 0; c < wanted.size(); c++) {
            if (!needed[c] || wanted.field(c).type() != ScalarType.STRING) {
                continue;
            }
            List<Column> column = new ArrayList<>(slices.size());
            for (Column[] slice : slices) {
                column.add(slice[c]);
            }
            List<Column> encoded = dev.trawl.engine.vector.DictionaryColumn.encode(column);
            if (encoded != null) {
                for (int b = 0; b < slices.size(); b++) {
                    slices.get(b)[c] = encoded.get(b);
                }
            }
        }
    }

    private static Column readColumn(ColumnReader reader, ScalarType type, int rows, Path file) throws IOException {
        int maxDefinition = reader.getDescriptor().getMaxDefinitionLevel();
        boolean[] nulls = new boolean[rows];
        switch (type) {
            case BOOL -> {
                boolean[] values = new boolean[rows];
                for (int r = 0; r < rows; r++, reader.consume()) {
                    if (reader.getCurrentDefinitionLevel() < maxDefinition) {
                        nulls[r] = true;
                    } else {
                        values[r] = reader.getBoolean();
                    }
                }
                return new BoolColumn(values, nulls, rows);
            }
            case INT, LONG, TIMESPAN, DATETIME -> {
                long[] values = new long[rows];
                for (int r = 0; r < rows; r++, reader.consume()) {
                    if (reader.getCurrentDefinitionLevel() < maxDefinition) {
                        nulls[r] = true;
                    } else if (type == ScalarType.INT) {
                        values[r] = reader.getInteger();
                    } else if (type == ScalarType.DATETIME) {
                        values[r] = ParquetTypes.ticks(reader.getLong());
                    } else {
                        values[r] = reader.getLong();
                    }
                }
                return new LongColumn(type, values, nulls, rows);
            }
            case REAL -> {
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++, reader.consume()) {
                    if (reader.getCurrentDefinitionLevel() < maxDefinition) {
                        nulls[r] = true;
                    } else {
                        values[r] = reader.getDouble();
                    }
                }
                return new DoubleColumn(values, nulls, rows);
            }
            default -> {
                Object[] values = new Object[rows];
                for (int r = 0; r < rows; r++, reader.consume()) {
                    if (reader.getCurrentDefinitionLevel() < maxDefinition) {
                        values[r] = type == ScalarType.STRING ? "" : null;
                    } else {
                        values[r] = value(type, reader.getBinary().toStringUsingUTF8(), file);
                    }
                }
                return new ObjectColumn(type, values, rows);
            }
        }
    }

    /** Whether JSON text starts with an object, after white space. */
    private static boolean startsObject(byte[] text) {
        for (byte b : text) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    private static Object value(ScalarType type, String text, Path file) throws IOException {
        try {
            return switch (type) {
                case GUID -> UUID.fromString(text);
                case DECIMAL -> new BigDecimal(text);
                case DYNAMIC -> Json.parse(text);
                default -> text;
            };
        } catch (Json.InvalidJson | IllegalArgumentException e) {
            throw new IOException(file + ": a stored " + type.kqlName() + " value does not read back: " + e.getMessage());
        }
    }

    static Column nulls(ScalarType type, int rows) {
        boolean[] all = new boolean[rows];
        Arrays.fill(all, true);
        return switch (type) {
            case BOOL -> new BoolColumn(new boolean[rows], all, rows);
            case INT, LONG, TIMESPAN, DATETIME -> new LongColumn(type, new long[rows], all, rows);
            case REAL -> new DoubleColumn(new double[rows], all, rows);
            case STRING -> {
                Object[] empty = new Object[rows];
                Arrays.fill(empty, "");
                yield new ObjectColumn(type, empty, rows);
            }
            default -> new ObjectColumn(type, new Object[rows], rows);
        };
    }

    private static Column slice(Column column, int start, int end) {
        if (start == 0 && end == column.size()) {
            return column;
        }
        int count = end - start;
        return switch (column) {
            case LongColumn c -> new LongColumn(c.type(), Arrays.copyOfRange(c.values(), start, end),
                    Arrays.copyOfRange(c.nulls(), start, end), count);
            case DoubleColumn c -> new DoubleColumn(Arrays.copyOfRange(c.values(), start, end),
                    Arrays.copyOfRange(c.nulls(), start, end), count);
            case BoolColumn c -> new BoolColumn(Arrays.copyOfRange(c.values(), start, end),
                    Arrays.copyOfRange(c.nulls(), start, end), count);
            case ObjectColumn c -> new ObjectColumn(c.type(), Arrays.copyOfRange(c.values(), start, end), count);
            default -> throw new IllegalStateException("unexpected column " + column.getClass());
        };
    }

    /** Column readers want a converter tree; values are taken with getLong() etc. instead, so it does nothing. */
    public static final class Ignore extends GroupConverter {

        @Override
        public Converter getConverter(int fieldIndex) {
            return new PrimitiveConverter() {
            };
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
