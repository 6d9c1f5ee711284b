package dev.trawl.store.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Rows of a plain Parquet file (any table, written by any tool) as JSON objects, so they go through the same
 * conversion, de-duplication and quarantine as every other export. Only flat files are read: each column a
 * primitive, optional or required. Values map as: BOOLEAN to true/false; INT32/INT64 to numbers (a TIMESTAMP or
 * DATE logical type to ISO-8601 text); FLOAT/DOUBLE to numbers; BINARY with a STRING, ENUM or JSON logical type to
 * text (JSON text is read by a dynamic column as JSON). Anything else (nested groups, repeated columns, raw
 * binary, INT96, decimals in binary) is refused with the column named, rather than turned into something else.
 */
final class ParquetRows {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A file Trawl cannot read, and why. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    interface Sink {
        /** Called once before the rows, with the file's columns in KQL types. */
        void schema(dev.trawl.kql.plan.Schema schema) throws IOException;

        void row(long index, ObjectNode row) throws IOException;
    }

    /** A column's KQL type: the mapping of the class comment. */
    private static dev.trawl.kql.types.ScalarType kqlType(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> dev.trawl.kql.types.ScalarType.BOOL;
            case FLOAT, DOUBLE -> dev.trawl.kql.types.ScalarType.REAL;
            case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                    ? dev.trawl.kql.types.ScalarType.DATETIME : dev.trawl.kql.types.ScalarType.INT;
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                    ? dev.trawl.kql.types.ScalarType.DATETIME : dev.trawl.kql.types.ScalarType.LONG;
            default -> logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
                    ? dev.trawl.kql.types.ScalarType.DYNAMIC : dev.trawl.kql.types.ScalarType.STRING;
        };
    }

    private ParquetRows() {
    }

    static void read(Path file, Sink sink) throws IOException, Unsupported {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                dev.trawl.store.parquet.SegmentReader.options())) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<PrimitiveType> columns = new ArrayList<>();
            for (Type field : schema.getFields()) {
                if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                    throw new Unsupported("column " + field.getName() + " is nested or repeated; flatten it (only flat "
                            + "Parquet files are read)");
                }
                PrimitiveType primitive = field.asPrimitiveType();
                check(primitive);
                columns.add(primitive);
            }
            List<dev.trawl.kql.plan.Schema.Field> fields = new ArrayList<>();
            for (PrimitiveType column : columns) {
                fields.add(new dev.trawl.kql.plan.Schema.Field(column.getName(), kqlType(column)));
            }
            sink.schema(new dev.trawl.kql.plan.Schema(fields));
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            long index = 0;
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                int rows = Math.toIntExact(pages.getRowCount());
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                        new dev.trawl.store.parquet.SegmentReader.Ignore(), schema, createdBy);
                JsonNode[][] values = new JsonNode[columns.size()][];
                for (int c = 0; c < columns.size(); c++) {
                    ColumnDescriptor descriptor = schema.getColumnDescription(new String[] {columns.get(c).getName()});
                    values[c] = column(store.getColumnReader(descriptor), columns.get(c), rows);
                }
                for (int r = 0; r < rows; r++) {
                    ObjectNode row = NODES.objectNode();
                    for (int c = 0; c < columns.size(); c++) {
                        row.set(columns.get(c).getName(), values[c][r]);
                    }
                    sink.row(index++, row);
                }
            }
        }
    }

    private static void check(PrimitiveType type) throws Unsupported {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        boolean ok = switch (type.getPrimitiveTypeName()) {
            case BOOLEAN, FLOAT, DOUBLE -> true;
            case INT32, INT64 -> logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
            case BINARY -> logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                    || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
            default -> false;
        };
        if (!ok) {
            throw new Unsupported("column " + type.getName() + " has Parquet type " + type.getPrimitiveTypeName()
                    + (logical == null ? "" : " " + logical) + ", which Trawl does not read");
        }
    }

    private static JsonNode[] column(ColumnReader reader, PrimitiveType type, int rows) {
        JsonNode[] out = new JsonNode[rows];
        int max = reader.getDescriptor().getMaxDefinitionLevel();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        for (int r = 0; r < rows; r++, reader.consume()) {
            if (reader.getCurrentDefinitionLevel() < max) {
                out[r] = NODES.nullNode();
                continue;
            }
            out[r] = switch (type.getPrimitiveTypeName()) {
                case BOOLEAN -> NODES.booleanNode(reader.getBoolean());
                case FLOAT -> NODES.numberNode(reader.getFloat());
                case DOUBLE -> NODES.numberNode(reader.getDouble());
                case INT32 -> logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
                        ? NODES.textNode(java.time.LocalDate.ofEpochDay(reader.getInteger()) + "T00:00:00Z")
                        : NODES.numberNode(reader.getInteger());
                case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
                        ? NODES.textNode(timestamp(reader.getLong(), ts.getUnit()))
                        : NODES.numberNode(reader.getLong());
                default -> NODES.textNode(reader.getBinary().toStringUsingUTF8());
            };
        }
        return out;
    }

    private static String timestamp(long value, LogicalTypeAnnotation.TimeUnit unit) {
        Instant instant = switch (unit) {
            case MILLIS -> Instant.ofEpochMilli(value);
            case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
            case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        };
        return instant.toString();
    }
}
