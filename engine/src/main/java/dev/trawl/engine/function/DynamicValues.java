package dev.trawl.engine.function;

import dev.trawl.engine.value.ValueFormat;
import dev.trawl.kql.types.ScalarType;

/** Typed values as they are stored inside dynamic arrays built by operators (make-series). */
public final class DynamicValues {
    private DynamicValues() {
    }

    /** A series element: longs stay longs, reals stay reals; a default is converted to the series' type. */
    public static Object numberInType(Object value, ScalarType type) {
        if (!(value instanceof Number number)) {
            return value;
        }
        return switch (type) {
            case INT, LONG -> number instanceof Double d && d != Math.rint(d) ? (Object) d : (Object) number.longValue();
            case REAL, DECIMAL -> number.doubleValue();
            default -> DynamicFunctions.toDynamic(type, value);
        };
    }

    /** An axis bin start inside the dynamic axis array: datetimes and timespans as their Kusto text. */
    public static Object axisValue(ScalarType type, Object value) {
        return switch (type) {
            case DATETIME -> ValueFormat.datetime(((Number) value).longValue());
            case TIMESPAN -> ValueFormat.timespan(((Number) value).longValue());
            case INT, LONG -> ((Number) value).longValue();
            default -> ((Number) value).doubleValue();
        };
    }
}
