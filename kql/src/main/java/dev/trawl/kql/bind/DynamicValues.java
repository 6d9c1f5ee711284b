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
            case DATETIME, TIMESPAN, GUID -> literal.kind() == LiteralKind.GUID
                    ? LiteralValues.parenthesisedContent(text) : text;
        };
    }
}
