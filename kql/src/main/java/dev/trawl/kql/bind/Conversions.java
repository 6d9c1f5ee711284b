package dev.trawl.kql.bind;

import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;

/** Conversions of constants into a declared column type (datatable cells, typed parameters). */
final class Conversions {
    /** Marks a value that cannot be placed in the target type. */
    static final Object INVALID = new Object();

    private Conversions() {
    }

    static Object convertConstant(Object value, ScalarType from, ScalarType to) {
        if (value == null) {
            return to == ScalarType.STRING ? "" : null;
        }
        if (from == to) {
            return value;
        }
        return switch (to) {
            case INT -> value instanceof Number number && (from == ScalarType.LONG || from == ScalarType.INT)
                    ? (Object) number.intValue() : INVALID;
            case LONG -> value instanceof Number number && from != ScalarType.REAL && from != ScalarType.DECIMAL
                    ? (Object) number.longValue() : INVALID;
            case REAL -> value instanceof Number number && from.isNumeric() ? (Object) number.doubleValue() : INVALID;
            case DECIMAL -> value instanceof Number number && from.isNumeric()
                    ? (Object) new BigDecimal(number.toString()) : INVALID;
            case DYNAMIC -> switch (from) {
                case INT -> ((Integer) value).longValue();
                case LONG, REAL, BOOL, STRING -> value;
                case DECIMAL -> ((BigDecimal) value).doubleValue();
                default -> INVALID;
            };
            default -> INVALID;
        };
    }
}
