package dev.trawl.store.parquet;

import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * How KQL column types are laid out in Parquet. Every column is optional (KQL values can be null) and flat.
 * <ul>
 * <li>bool BOOLEAN, int INT32, long INT64, real DOUBLE;</li>
 * <li>datetime INT64 TIMESTAMP(NANOS, UTC): KQL datetimes have 100 ns ticks, so nanoseconds keep every digit
 * (microseconds would lose the seventh fractional digit Defender timestamps carry, and an exact
 * {@code join on Timestamp} with it); the price is the range 1677-09-21 .. 2262-04-11, outside which a value
 * is refused at ingest (see {@link #nanos});</li>
 * <li>timespan INT64 ticks (no Parquet logical type expresses 100 ns durations);</li>
 * <li>string, guid, decimal UTF-8 text; dynamic its JSON text (JSON logical type).</li>
 * </ul>
 * The KQL type of every column is also written in the file's key-value metadata ({@link #SCHEMA_KEY}), so a
 * file reads back with exactly the schema it was written with, whatever other tools make of it.
 */
public final class ParquetTypes {
    public static final String SCHEMA_KEY = "trawl.schema";
    static final long UNIX_EPOCH_TICKS = LiteralValues.EPOCH_OFFSET_SECONDS * LiteralValues.TICKS_PER_SECOND;
    /** The datetime ticks a signed 64-bit nanosecond count since 1970 can hold. */
    public static final long MIN_NANOS_TICKS = UNIX_EPOCH_TICKS + Long.MIN_VALUE / 100 + 1;
    public static final long MAX_NANOS_TICKS = UNIX_EPOCH_TICKS + Long.MAX_VALUE / 100;

    private ParquetTypes() {
    }

    public static boolean datetimeFits(long ticks) {
        return ticks >= MIN_NANOS_TICKS && ticks <= MAX_NANOS_TICKS;
    }

    static long nanos(long ticks) {
        if (!datetimeFits(ticks)) {
            throw new IllegalArgumentException("datetime outside the range the store keeps (1677-09-21 .. 2262-04-11)");
        }
        return (ticks - UNIX_EPOCH_TICKS) * 100;
    }

    static long ticks(long nanos) {
        return Math.floorDiv(nanos, 100) + UNIX_EPOCH_TICKS;
    }

    static MessageType message(Schema schema) {
        List<Type> fields = new ArrayList<>();
        for (Schema.Field field : schema.fields()) {
            fields.add(primitive(field.type()).named(field.name()));
        }
        return new MessageType("row", fields);
    }

    private static Types.PrimitiveBuilder<PrimitiveType> primitive(ScalarType type) {
        return switch (type) {
            case BOOL -> Types.optional(PrimitiveTypeName.BOOLEAN);
            case INT -> Types.optional(PrimitiveTypeName.INT32);
            case LONG, TIMESPAN -> Types.optional(PrimitiveTypeName.INT64);
            case REAL -> Types.optional(PrimitiveTypeName.DOUBLE);
            case DATETIME -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.NANOS));
            case DYNAMIC -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.jsonType());
            default -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType());
        };
    }

    /** One {@code type name} line per column: a type name has no space, so the rest of the line is the name. */
    static String schemaText(Schema schema) {
        StringBuilder text = new StringBuilder();
        for (Schema.Field field : schema.fields()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(field.type().kqlName()).append(' ').append(field.name());
        }
        return text.toString();
    }

    static Schema parseSchemaText(String text) {
        List<Schema.Field> fields = new ArrayList<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            fields.add(new Schema.Field(line.substring(space + 1), ScalarType.fromName(line.substring(0, space))));
        }
        return new Schema(fields);
    }
}
