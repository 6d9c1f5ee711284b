package dev.trawl.engine.vector;

import dev.trawl.kql.types.ScalarType;

/**
 * A typed column vector. Values read through {@link #get} use the engine's value model (Boolean,
 * Integer, Long, Double, BigDecimal, String, UUID, dynamic objects; datetime and timespan as Long ticks);
 * typed subclasses give loops unboxed access.
 */
public sealed interface Column permits LongColumn, DoubleColumn, BoolColumn, ObjectColumn, DictionaryColumn,
        ConstantColumn {
    ScalarType type();

    int size();

    boolean isNull(int row);

    Object get(int row);

    /** The rows at {@code rows}, in that order, as a new dense column. */
    Column gather(int[] rows, int count);

    /** A column of {@code size} copies of one value. */
    static Column constant(ScalarType type, Object value, int size) {
        ColumnBuilder builder = ColumnBuilder.of(type, size);
        for (int i = 0; i < size; i++) {
            builder.add(value);
        }
        return builder.build();
    }
}
