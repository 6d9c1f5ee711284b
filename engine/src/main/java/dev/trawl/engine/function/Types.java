package dev.trawl.engine.function;

import dev.trawl.kql.types.ScalarType;
import java.util.List;

/** Type rules shared by function families: KQL's promotion of numbers, times and dynamics. */
public final class Types {
    private Types() {
    }

    public static ScalarFunction.TypeRule fixed(ScalarType type) {
        return arguments -> type;
    }

    /** Result {@code type} when every argument is one of {@code accepted} (dynamic always accepted). */
    public static ScalarFunction.TypeRule fixed(ScalarType type, ScalarType... accepted) {
        return arguments -> {
            for (ScalarType argument : arguments) {
                if (!acceptsAny(argument, accepted)) {
                    return null;
                }
            }
            return type;
        };
    }

    private static boolean acceptsAny(ScalarType argument, ScalarType[] accepted) {
        if (argument == ScalarType.DYNAMIC) {
            return true;
        }
        for (ScalarType type : accepted) {
            if (type == argument) {
                return true;
            }
        }
        return false;
    }

    /** The type of the first argument. */
    public static ScalarFunction.TypeRule sameAsFirst() {
        return arguments -> arguments.isEmpty() ? null : arguments.get(0);
    }

    /** The wider of two numeric types (int < long < decimal < real), or null for non-numbers. */
    public static ScalarType widerNumber(ScalarType a, ScalarType b) {
        if (!a.isNumeric() || !b.isNumeric()) {
            return null;
        }
        if (a == ScalarType.REAL || b == ScalarType.REAL) {
            return ScalarType.REAL;
        }
        if (a == ScalarType.DECIMAL || b == ScalarType.DECIMAL) {
            return ScalarType.DECIMAL;
        }
        if (a == ScalarType.LONG || b == ScalarType.LONG) {
            return ScalarType.LONG;
        }
        return ScalarType.INT;
    }

    /** The common type of numbers, or of equal types; dynamic meets anything as dynamic. */
    public static ScalarType common(List<ScalarType> types) {
        ScalarType result = null;
        for (ScalarType type : types) {
            if (result == null || result == type) {
                result = type;
            } else if (widerNumber(result, type) != null) {
                result = widerNumber(result, type);
            } else if (type == ScalarType.DYNAMIC || result == ScalarType.DYNAMIC) {
                result = ScalarType.DYNAMIC;
            } else {
                return null;
            }
        }
        return result;
    }

    /** Whether values of these types can be ordered or equated with each other. */
    public static boolean comparable(ScalarType a, ScalarType b) {
        return a == b || (a.isNumeric() && b.isNumeric()) || a == ScalarType.DYNAMIC || b == ScalarType.DYNAMIC;
    }
}
