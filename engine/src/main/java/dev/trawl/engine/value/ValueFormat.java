package dev.trawl.engine.value;

import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Text forms of values, as Kusto writes them in results: datetimes as {@code 2024-01-31T13:45:00.0000000Z},
 * timespans as {@code [-][d.]hh:mm:ss[.fffffff]}, reals in their shortest round-trip form without a
 * trailing {@code .0}, dynamics as compact JSON, nulls as null.
 */
public final class ValueFormat {
    private ValueFormat() {
    }

    public static String format(ScalarType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case BOOL -> ((Boolean) value) ? "true" : "false";
            case INT, LONG -> value.toString();
            case REAL -> real((Double) value);
            case DECIMAL -> ((BigDecimal) value).stripTrailingZeros().toPlainString();
            case STRING -> (String) value;
            case DATETIME -> datetime((Long) value);
            case TIMESPAN -> timespan((Long) value);
            case GUID -> value.toString();
            case DYNAMIC -> json(value);
        };
    }

    public static String real(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            // Kusto is .NET, which prints infinities with the symbol (the docs' results show ∞).
            return value > 0 ? "∞" : "-∞";
        }
        double magnitude = Math.abs(value);
        if (value == 0) {
            return "0";
        }
        if (magnitude >= 1e-5 && magnitude < 1e15) {
            // Plain digits in this range, as Kusto prints them (0.0009728568, 12345678.5).
            return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        }
        // Outside it, .NET's round-trip exponent form: 1E-05, 1.5E+20.
        String text = Double.toString(value);
        int e = text.indexOf('E');
        String mantissa = text.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(text.substring(e + 1));
        return mantissa + "E" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    public static String datetime(long ticks) {
        long seconds = Math.floorDiv(ticks, LiteralValues.TICKS_PER_SECOND) - LiteralValues.EPOCH_OFFSET_SECONDS;
        long fraction = Math.floorMod(ticks, LiteralValues.TICKS_PER_SECOND);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // The civil date of a day count from 1970-01-01, in 400-year eras of 146,097 days with years counted from
        // March (LocalDate.ofEpochDay without the object): datetimes inside dynamic values are this text, one per
        // array element, so it is written digit by digit.
        long shifted = days + 719_468;
        long era = Math.floorDiv(shifted, 146_097L);
        int dayOfEra = (int) (shifted - era * 146_097L);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        long year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
            return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%07dZ", time.getYear(), time.getMonthValue(),
                    time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond(), fraction);
        }
        byte[] out = new byte[28];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, fraction, 7);
        out[27] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(byte[] out, int at, long value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    public static String timespan(long ticks) {
        StringBuilder out = new StringBuilder();
        long magnitude = ticks;
        if (ticks < 0) {
            out.append('-');
            magnitude = -ticks;
        }
        long fraction = magnitude % LiteralValues.TICKS_PER_SECOND;
        long totalSeconds = magnitude / LiteralValues.TICKS_PER_SECOND;
        long days = totalSeconds / 86_400;
        long hours = totalSeconds / 3600 % 24;
        long minutes = totalSeconds / 60 % 60;
        long seconds = totalSeconds % 60;
        if (days > 0) {
            out.append(days).append('.');
        }
        out.append(String.format("%02d:%02d:%02d", hours, minutes, seconds));
        if (fraction != 0) {
            out.append(String.format(".%07d", fraction));
        }
        return out.toString();
    }

    /** Compact JSON of a dynamic value. */
    public static String json(Object value) {
        StringBuilder out = new StringBuilder();
        appendJson(out, value);
        return out.toString();
    }

    private static void appendJson(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String text -> appendString(out, text);
            case Boolean bool -> out.append(bool);
            // JSON has no infinities or NaN: inside dynamics they are the strings "Infinity", "-Infinity", "NaN".
            case Double real -> out.append(Double.isFinite(real) ? real(real) : "\"" + real + "\"");
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendJson(out, list.get(i));
                }
                out.append(']');
            }
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendString(out, entry.getKey().toString());
                    out.append(':');
                    appendJson(out, entry.getValue());
                }
                out.append('}');
            }
            case UUID uuid -> appendString(out, uuid.toString());
            case Instant instant -> appendString(out, instant.toString());
            default -> out.append(value);
        }
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        // Runs of characters that need no escape are appended whole: the texts are often kilobytes.
        int plain = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(text, plain, text.length());
        out.append('"');
    }
}
