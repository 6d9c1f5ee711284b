package dev.trawl.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Whether a documented cell shows the engine's value, given the result column's type. The rules, in order:
 * <ol>
 * <li>equal text after trimming always matches;</li>
 * <li>{@link Cells#emptyMatchesNull}; a documented {@code null} also matches a null of a non-string column;</li>
 * <li>with {@code abbreviated} (the case's notes say the docs cut the output short), a cell containing
 *     {@code ...} is {@link Cells#abbreviatedMatches}; a cell that is only {@code ...} matches anything;</li>
 * <li>by the column's type: bool → {@link Cells#bool} (1/0 allowed); int/long → {@link Cells#integersEqual} when
 *     both are whole numbers, else {@link Cells#numbersEqual}; real/decimal → {@link Cells#numbersEqual}; a
 *     documented number of any of these written with thousands separators ({@code 1,048,576}, as the range and
 *     parse_version pages show theirs) is read without them; datetime →
 *     {@link Cells#datetimeTicks} equal; timespan → {@link Cells#timespanTicks} equal; guid → case-insensitive;
 *     string → exact, except for white space a table cannot show ({@link Cells#renderedWhitespaceEqual}) and
 *     that two JSON objects/arrays compare structurally (docs pretty-print JSON text);
 *     dynamic → the engine's JSON parsed, then a scalar by the rules above for its JSON type (a string exactly,
 *     with or without the docs' quotes), an array/object structurally against the parsed documented cell (a bare
 *     list {@code 1, 2, 3} is read as {@code [1, 2, 3]}).</li>
 * </ol>
 * Structural JSON comparison ({@link #jsonEqual}): object keys in any order, arrays in order (as multisets when
 * {@code approximate}), numbers by {@link Cells#numbersEqual} (so {@code 118} equals {@code 118.0}), strings
 * exactly or as equal datetimes/timespans (dynamic holds those as strings), true/false/null as themselves.
 *
 * @param approximate the case is order- or sampling-dependent: numbers within {@link Cells#APPROXIMATE_TOLERANCE}
 *        (ints included), arrays compared as multisets (make_set, make_list order)
 * @param abbreviated the docs cut cells short with {@code ...}
 */
record CellMatcher(boolean approximate, boolean abbreviated) {
    static final CellMatcher EXACT = new CellMatcher(false, false);

    /** @param actual the engine's text of the value ({@code QueryResult.text}); null for a null */
    boolean matches(ScalarType type, String expected, String actual) {
        String e = expected.strip();
        if (actual != null && e.equals(actual.strip())) {
            return true;
        }
        if (Cells.emptyMatchesNull(e, actual)) {
            return true;
        }
        if (actual == null) {
            return e.equalsIgnoreCase("null") && type != ScalarType.STRING;
        }
        if (abbreviated && Cells.isEllipsis(e)) {
            return true;
        }
        if (abbreviated && Cells.abbreviatedMatches(e, actual)) {
            return true;
        }
        String a = actual.strip();
        if (type == ScalarType.INT || type == ScalarType.LONG || type == ScalarType.REAL || type == ScalarType.DECIMAL) {
            e = Cells.withoutThousandsSeparators(e);
        }
        return switch (type) {
            case BOOL -> {
                Boolean documented = Cells.bool(e, true);
                yield documented != null && documented.equals(Cells.bool(a, true));
            }
            case INT, LONG -> approximate ? Cells.numbersEqual(e, a, Cells.APPROXIMATE_TOLERANCE)
                    : Cells.isInteger(e) && Cells.isInteger(a) ? Cells.integersEqual(e, a)
                    : Cells.numbersEqual(e, a, Cells.RELATIVE_TOLERANCE);
            case REAL, DECIMAL -> Cells.numbersEqual(e, a, tolerance());
            case DATETIME -> sameTicks(Cells.datetimeTicks(e), Cells.datetimeTicks(a));
            case TIMESPAN -> sameTicks(Cells.timespanTicks(e), Cells.timespanTicks(a));
            case GUID -> e.equalsIgnoreCase(a);
            case STRING -> Cells.renderedWhitespaceEqual(e, actual) || jsonTexts(e, a);
            case DYNAMIC -> dynamicMatches(e, a);
        };
    }

    private double tolerance() {
        return approximate ? Cells.APPROXIMATE_TOLERANCE : Cells.RELATIVE_TOLERANCE;
    }

    private static boolean sameTicks(Long expected, Long actual) {
        return expected != null && expected.equals(actual);
    }

    /** Two strings that both hold a JSON object or array, equal as JSON. */
    private boolean jsonTexts(String expected, String actual) {
        if (!looksLikeJsonContainer(expected) || !looksLikeJsonContainer(actual)) {
            return false;
        }
        JsonNode e = Cells.parseJson(expected);
        JsonNode a = Cells.parseJson(actual);
        return e != null && a != null && e.isContainerNode() && a.isContainerNode() && jsonEqual(e, a);
    }

    private static boolean looksLikeJsonContainer(String text) {
        return text.startsWith("{") || text.startsWith("[");
    }

    private boolean dynamicMatches(String expected, String actualJson) {
        JsonNode actual = Cells.parseJson(actualJson);
        if (actual == null) {
            return false; // the engine's text of a dynamic is always JSON; anything else cannot match
        }
        if (actual.isTextual()) {
            String value = actual.textValue();
            JsonNode quoted = expected.startsWith("\"") ? Cells.parseJson(expected) : null;
            String documented = quoted != null && quoted.isTextual() ? quoted.textValue() : expected;
            return documented.strip().equals(value.strip()) || stringsEqual(documented, value)
                    || Cells.renderedWhitespaceEqual(documented, value)
                    || (documented.isEmpty() && value.isEmpty());
        }
        if (actual.isNumber()) {
            return Cells.numbersEqual(expected, actualJson, tolerance());
        }
        if (actual.isBoolean()) {
            Boolean documented = Cells.bool(expected, false);
            return documented != null && documented == actual.booleanValue();
        }
        if (actual.isNull()) {
            return expected.isEmpty() || expected.equalsIgnoreCase("null");
        }
        JsonNode documented = Cells.parseJson(expected);
        if (documented == null && !looksLikeJsonContainer(expected)) {
            documented = Cells.parseJson("[" + expected + "]"); // the docs' bare list: 1.064, 3.7945, ...
        }
        return documented != null && jsonEqual(documented, actual);
    }

    /** Strings inside dynamic values: exact, or the same datetime or timespan in two spellings. */
    private static boolean stringsEqual(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        Long e = Cells.datetimeTicks(expected);
        if (e != null) {
            return e.equals(Cells.datetimeTicks(actual));
        }
        e = Cells.timespanTicks(expected);
        return e != null && e.equals(Cells.timespanTicks(actual));
    }

    boolean jsonEqual(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() || actual.isNumber()) {
            if (!expected.isNumber() || !actual.isNumber()) {
                return false;
            }
            return numbersEqual(expected, actual);
        }
        if (expected.isTextual() || actual.isTextual()) {
            return expected.isTextual() && actual.isTextual() && stringsEqual(expected.textValue(), actual.textValue());
        }
        if (expected.isBoolean() || actual.isBoolean()) {
            return expected.isBoolean() && actual.isBoolean() && expected.booleanValue() == actual.booleanValue();
        }
        if (expected.isNull() || actual.isNull()) {
            return expected.isNull() && actual.isNull();
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            return approximate ? sameElementsAnyOrder(expected, actual) : sameElementsInOrder(expected, actual);
        }
        if (expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                JsonNode other = actual.get(field.getKey());
                if (other == null || !jsonEqual(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private boolean numbersEqual(JsonNode expected, JsonNode actual) {
        boolean expectedFinite = !(expected.isDouble() || expected.isFloat()) || Double.isFinite(expected.doubleValue());
        boolean actualFinite = !(actual.isDouble() || actual.isFloat()) || Double.isFinite(actual.doubleValue());
        if (!expectedFinite || !actualFinite) {
            return Double.compare(expected.doubleValue(), actual.doubleValue()) == 0;
        }
        BigDecimal e = expected.decimalValue();
        BigDecimal a = actual.decimalValue();
        return Cells.numbersEqual(e, a, tolerance());
    }

    private boolean sameElementsInOrder(JsonNode expected, JsonNode actual) {
        for (int i = 0; i < expected.size(); i++) {
            if (!jsonEqual(expected.get(i), actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean sameElementsAnyOrder(JsonNode expected, JsonNode actual) {
        List<JsonNode> remaining = new ArrayList<>();
        actual.forEach(remaining::add);
        for (JsonNode element : expected) {
            boolean found = false;
            for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext();) {
                if (jsonEqual(element, it.next())) {
                    it.remove();
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
