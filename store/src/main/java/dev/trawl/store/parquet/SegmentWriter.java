package dev.trawl.store.parquet;

import dev.trawl.kql.plan.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes a {@link RowBuffer} as one Parquet file (zstd pages, dictionary encoding where Parquet finds it pays). */
public final class SegmentWriter {
    /** Row groups of this many rows: big enough for good compression, small enough to skip by statistics. */
    static final int ROW_GROUP_BYTES = 64 * 1024 * 1024;

    private SegmentWriter() {
    }

    public static void write(Path file, RowBuffer rows) throws IOException {
        Schema schema = rows.schema();
        MessageType message = ParquetTypes.message(schema);
        Builder builder = new Builder(new LocalOutputFile(file), rows, message)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ZstdCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize((long) ROW_GROUP_BYTES)
                .withDictionaryEncoding(true);
        for (int c = 0; c < schema.size(); c++) {
            Schema.Field field = schema.field(c);
            if (field.type() != dev.trawl.kql.types.ScalarType.DYNAMIC && field.type() != dev.trawl.kql.types.ScalarType.BOOL
                    && rows.mostlyDistinct(c)) {
                builder.withDictionaryEncoding(field.name(), false);
            }
            if (field.type() == dev.trawl.kql.types.ScalarType.DYNAMIC) {
                // Dynamic values are whole JSON records, nearly all distinct: a dictionary would only be built
                // to be thrown away when Parquet finds it too big, and min/max of JSON texts prune nothing.
                builder.withDictionaryEncoding(field.name(), false);
                builder.withStatisticsEnabled(field.name(), false);
                builder.withSizeStatisticsEnabled(field.name(), false);
            }
        }
        try (ParquetWriter<Integer> writer = builder.build()) {
            for (int row = 0; row < rows.size(); row++) {
                writer.write(row);
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final RowBuffer rows;
        private final MessageType message;

        Builder(OutputFile file, RowBuffer rows, MessageType message) {
            super(file);
            this.rows = rows;
            this.message = message;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(rows, message);
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(rows, message);
        }
    }

    /** Writes row {@code i} of the buffer; the record type is the row index so no row object is allocated. */
    private static final class RowWriteSupport extends WriteSupport<Integer> {
        private final RowBuffer rows;
        private final MessageType message;
        private RecordConsumer out;

        RowWriteSupport(RowBuffer rows, MessageType message) {
            this.rows = rows;
            this.message = message;
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return context();
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return context();
        }

        private WriteContext context() {
            return new WriteContext(message, Map.of(ParquetTypes.SCHEMA_KEY, ParquetTypes.schemaText(rows.schema())));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(Integer boxed) {
            int row = boxed;
            Schema schema = rows.schema();
            out.startMessage();
            for (int c = 0; c < schema.size(); c++) {
                if (rows.isNull(c, row)) {
                    continue;
                }
                String name = schema.field(c).name();
                out.startField(name, c);
                switch (schema.field(c).type()) {
                    case BOOL -> out.addBoolean(rows.longAt(c, row) != 0);
                    case INT -> out.addInteger((int) rows.longAt(c, row));
                    case LONG, TIMESPAN -> out.addLong(rows.longAt(c, row));
                    case DATETIME -> out.addLong(ParquetTypes.nanos(rows.longAt(c, row)));
                    case REAL -> out.addDouble(rows.doubleAt(c, row));
                    default -> out.addBinary(rows.binaryAt(c, row));
                }
                out.endField(name, c);
            }
            out.endMessage();
        }
    }
}
