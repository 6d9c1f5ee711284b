package dev.trawl.engine.function;

import dev.trawl.engine.value.ValueFormat;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Shared value semantics: comparison, equality, text forms and numeric views. */
public final class Values {
    private Values() {
    }

    /** Compares two non-null values of comparable types (numbers across int/long/real/decimal). */
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof BigDecimal || y instanceof BigDecimal) {
                return decimal(x).compareTo(decimal(y));
            }
            if ((x instanceof Long || x instanceof Integer) && (y instanceof Long || y instanceof Integer)) {
                return Long.compare(x.longValue(), y.longValue());
            }
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            return x.toString().compareTo(y.toString());
        }
        return text(a).compareTo(text(b));
    }

    /** Equality as {@code ==} sees it for non-null values: numbers by value, strings exactly. */
    public static boolean equal(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return compare(a, b) == 0;
        }
        return Objects.equals(a, b);
    }

    public static BigDecimal decimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof Double || number instanceof Float) {
            return new BigDecimal(number.toString());
        }
        return BigDecimal.valueOf(number.longValue());
    }

    /** The text {@code tostring()} gives a value of a type (dynamic strings without quotes). */
    public static String toText(ScalarType type, Object value) {
        if (value == null) {
            return "";
        }
        if (type == ScalarType.DYNAMIC) {
            return value instanceof String s ? s : ValueFormat.json(value);
        }
        String text = ValueFormat.format(type, value);
        return text == null ? "" : text;
    }

    /** A rough text form for values whose type is not at hand. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return ValueFormat.json(value);
        }
        return String.valueOf(value);
    }

    /** ASCII-only lower-casing: Kusto's case-insensitive operators fold only A-Z (semantics, ambiguity 12). */
    public static String asciiLower(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + 32);
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }

    public static boolean isAlphanumeric(char c) {
        return Character.isLetterOrDigit(c);
    }
}
