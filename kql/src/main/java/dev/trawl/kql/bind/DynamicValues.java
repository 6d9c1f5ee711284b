package dev.trawl.kql.bind;

import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.LiteralKind;
import dev.trawl.kql.syntax.ast.Parts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's model of dynamic values: null, Boolean, Long, Double, String, {@code List<Object>} and
 * {@code Map<String, Object>} (insertion-ordered). Typed literals inside a dynamic literal (datetime,
 * timespan, guid) are kept as their Kusto text, which is how they serialize.
 */
public final class DynamicValues {
    private DynamicValues() {
    }

    public static Object of(Parts.DynamicValue value) {
        return switch (value) {
            case Parts.DynamicNull n -> null;
            case Parts.DynamicString string -> string.value();
            case Parts.DynamicArray array -> {
                List<Object> elements = new ArrayList<>(array.elements().size());
                for (Parts.DynamicValue element : array.elements()) {
                    elements.add(of(element));
                }
                yield elements;
            }
            case Parts.DynamicObject object -> {
                Map<String, Object> properties = new LinkedHashMap<>();
                for (Parts.DynamicProperty property : object.properties()) {
                    properties.put(property.key(), of(property.value()));
                }
                yield properties;
            }
            case Parts.DynamicScalar scalar -> scalar(scalar.literal());
        };
    }

    /** A datetime as Kusto serialises it inside a dynamic: {@code 2024-01-31T13:45:00.0000000Z}. */
    static String isoText(long ticks) {
        long seconds = Math.floorDiv(ticks, LiteralValues.TICKS_PER_SECOND) - LiteralValues.EPOCH_OFFSET_SECONDS;
        long fraction = Math.floorMod(ticks, LiteralValues.TICKS_PER_SECOND);
        java.time.LocalDateTime time = java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%07dZ", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond(), fraction);
    }

    /** A timespan as Kusto writes it: {@code [-][d.]hh:mm:ss[.fffffff]}. */
    static String timespanText(long ticks) {
        StringBuilder out = new StringBuilder(ticks < 0 ? "-" : "");
        long magnitude = Math.abs(ticks);
        long fraction = magnitude % LiteralValues.TICKS_PER_SECOND;
        long total = magnitude / LiteralValues.TICKS_PER_SECOND;
        if (total / 86_400 > 0) {
            out.append(total / 86_400).append('.');
        }
        out.append(String.format("%02d:%02d:%02d", total / 3600 % 24, total / 60 % 60, total % 60));
        if (fraction != 0) {
            out.append(String.format(".%07d", fraction));
        }
        return out.toString();
    }

    private static Object scalar(Expression.Literal literal) {
        String text = literal.text();
        return switch (literal.kind()) {
            case BOOL -> Boolean.valueOf(text);
            case LONG, INT -> {
                String digits = text.contains("(") ? LiteralValues.parenthesisedContent(text) : text;
                try {
                    yield Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
                } catch (NumberFormatException e) {
                    yield Double.parseDouble(digits);
                }
            }
            case REAL, DECIMAL -> Double.parseDouble(text.contains("(") ? LiteralValues.parenthesisedContent(text) : text);
            case TYPED_NULL -> null;
            case GUID -> LiteralValues.parenthesisedContent(text);
            case DATETIME -> {
                Long ticks = LiteralValues.datetimeTicks(LiteralValues.parenthesisedContent(text));
                yield ticks == null ? text : isoText(ticks);
            }
            case TIMESPAN -> {
                Long ticks = LiteralValues.timespanTicks(text);
                yield ticks == null ? text : timespanText(ticks);
            }
        };
    }
}
