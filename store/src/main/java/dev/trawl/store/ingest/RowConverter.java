package dev.trawl.store.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import dev.trawl.store.parquet.ParquetTypes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one exported row (a JSON object of column name to value) into the store's typed values for a table
 * schema. The rules, in one place:
 * <ul>
 * <li>datetime: ISO-8601 text, with or without {@code Z} (UAL's {@code CreationTime} has none and is UTC), any
 * spelling a KQL datetime literal accepts; numbers are refused (no export writes epoch numbers here);</li>
 * <li>bool: JSON booleans, 0/1 (Defender exports write {@code IsAdminOperation: 0}), and the texts
 * true/false/True/False/0/1;</li>
 * <li>int/long/real: JSON numbers and numeric text (Log Analytics writes {@code RecordType "50"}); an int or long
 * with a fraction, or out of range, is refused;</li>
 * <li>string: text as is; a number or bool as its JSON text; an object or array as its JSON text (OfficeActivity's
 * {@code Folders} column is a string holding JSON); null as the empty string, as KQL strings are never null;</li>
 * <li>dynamic: objects and arrays as they are; text that is a JSON object or array is parsed (Log Analytics
 * exports dynamic columns as JSON text); other text stays a JSON string. Strings in PowerShell's
 * {@code @{Name=MailAccessType; Value=Bind}} form (what an export script's ConvertTo-Json depth limit leaves)
 * become the property bag they stand for, so {@code OperationProperties[0].Value} works on such exports too;</li>
 * <li>guid: GUID text; decimal: numbers or numeric text.</li>
 * </ul>
 * A value that fails its column's rule makes the whole record bad ({@link BadValue}), never a silent null.
 * Advanced-hunting union exports rename a column whose type differs between tables to {@code Name_string},
 * {@code Name_long}, ...: such a field fills column {@code Name} when that is absent or empty.
 */
public final class RowConverter {
    private static final Pattern TYPE_SUFFIX = Pattern.compile("(.+)_(string|long|int|real|double|dynamic|bool|boolean|datetime|guid|timespan|decimal)");
    private static final Pattern POWERSHELL_BAG = Pattern.compile("@\\{(.*)}", Pattern.DOTALL);

    private RowConverter() {
    }

    /** A value that does not fit its column. */
    public static final class BadValue extends Exception {
        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The value of each schema column for this row (null where the row has none). {@code extras} receives
     * fields that match no column and hold a non-empty value, so the caller can add them as columns.
     */
    public static Object[] convert(Schema schema, ObjectNode row, List<Map.Entry<String, JsonNode>> extras)
            throws BadValue {
        return convert(new Columns(schema), row, extras);
    }

    /** A schema with its column names hashed, built once per table rather than searched per field. */
    public static final class Columns {
        final Schema schema;
        private final Map<String, Integer> index = new java.util.HashMap<>();

        public Columns(Schema schema) {
            this.schema = schema;
            for (int i = 0; i < schema.size(); i++) {
                index.putIfAbsent(schema.field(i).name(), i);
            }
        }

        int indexOf(String name) {
            Integer at = index.get(name);
            return at == null ? -1 : at;
        }
    }

    public static Object[] convert(Columns columns, ObjectNode row, List<Map.Entry<String, JsonNode>> extras)
            throws BadValue {
        Schema schema = columns.schema;
        Object[] values = new Object[schema.size()];
        JsonNode[] nodes = new JsonNode[schema.size()];
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            int column = columns.indexOf(name);
            if (column < 0) {
                Matcher suffix = TYPE_SUFFIX.matcher(name);
                if (suffix.matches()) {
                    column = columns.indexOf(suffix.group(1));
                }
                if (column >= 0 && !isEmpty(field.getValue()) && isEmpty(nodes[column])) {
                    nodes[column] = field.getValue();
                } else if (column < 0 && !isEmpty(field.getValue()) && extras != null) {
                    extras.add(field);
                }
                continue;
            }
            if (nodes[column] == null || isEmpty(nodes[column])) {
                nodes[column] = field.getValue();
            }
        }
        for (int c = 0; c < values.length; c++) {
            Schema.Field field = schema.field(c);
            values[c] = value(field, nodes[c]);
        }
        return values;
    }

    static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty());
    }

    private static Object value(Schema.Field field, JsonNode node) throws BadValue {
        ScalarType type = field.type();
        if (node == null || node.isNull()) {
            return type == ScalarType.STRING ? "" : null;
        }
        switch (type) {
            case STRING:
                return node.isTextual() ? node.textValue() : node.toString();
            case DYNAMIC:
                return dynamicValue(node);
            default:
                break;
        }
        if (node.isTextual() && node.textValue().isEmpty()) {
            // An empty cell of a typed column (CSV, Log Analytics) is a null value, as Kusto ingests it.
            return null;
        }
        return switch (type) {
            case DATETIME -> {
                if (!node.isTextual()) {
                    throw bad(field, node, "a datetime must be ISO-8601 text");
                }
                Long ticks = IsoTimestamps.ticks(node.textValue());
                if (ticks == null) {
                    throw bad(field, node, "not a datetime");
                }
                if (!ParquetTypes.datetimeFits(ticks)) {
                    throw bad(field, node, "a datetime outside 1677-09-21 .. 2262-04-11, which the store cannot keep");
                }
                yield ticks;
            }
            case TIMESPAN -> {
                Long ticks = node.isTextual() ? LiteralValues.timespanTicks(node.textValue().trim()) : null;
                if (ticks == null) {
                    throw bad(field, node, "not a timespan");
                }
                yield ticks;
            }
            case BOOL -> {
                if (node.isBoolean()) {
                    yield node.booleanValue() ? 1L : 0L;
                }
                String text = node.isNumber() || node.isTextual() ? node.asText().trim() : "";
                yield switch (text) {
                    case "1", "true", "True", "TRUE" -> 1L;
                    case "0", "false", "False", "FALSE" -> 0L;
                    default -> throw bad(field, node, "not a bool");
                };
            }
            case INT, LONG -> {
                BigDecimal number = number(field, node);
                try {
                    long value = number.longValueExact();
                    if (type == ScalarType.INT && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                        throw bad(field, node, "out of the int range");
                    }
                    yield value;
                } catch (ArithmeticException e) {
                    throw bad(field, node, "not a whole number in the " + type.kqlName() + " range");
                }
            }
            case REAL -> node.isNumber() ? (Object) node.doubleValue() : (Object) number(field, node).doubleValue();
            case DECIMAL -> number(field, node).toPlainString();
            case GUID -> {
                if (!node.isTextual() || !LiteralValues.isGuid(node.textValue().trim())) {
                    throw bad(field, node, "not a guid");
                }
                yield UUID.fromString(node.textValue().trim()).toString();
            }
            default -> throw bad(field, node, "an unsupported column type");
        };
    }

    private static BigDecimal number(Schema.Field field, JsonNode node) throws BadValue {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw bad(field, node, "not a number");
            }
        }
        throw bad(field, node, "not a number");
    }

    private static BadValue bad(Schema.Field field, JsonNode node, String why) {
        String shown = node.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return new BadValue("column " + field.name() + " (" + field.type().kqlName() + "): " + shown + " is " + why);
    }

    /**
     * The JSON text of a scalar node, written directly: Jackson's toString() builds a generator per call,
     * which dominated the cost of the shredded columns.
     */
    static String scalarJson(JsonNode node) {
        if (node.isTextual()) {
            return dev.trawl.engine.value.ValueFormat.json(node.textValue());
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isNumber() || node.isBoolean() ? node.asText() : node.toString();
    }

    /** The JSON text a dynamic column stores for this value (see the class comment). */
    /**
     * {@link #dynamicText}, but where the parser kept the export's bytes, those bytes themselves (UTF-8 JSON),
     * so the store writes them without decoding and re-encoding.
     */
    static Object dynamicValue(JsonNode node) {
        RawTree.Source source = sourceOf(node);
        return source != null && !source.mayHoldBags() ? source.bytes() : dynamicText(node);
    }

    private static RawTree.Source sourceOf(JsonNode node) {
        return node instanceof RawTree.RawObject raw ? raw.source : node instanceof RawTree.RawArray raw ? raw.source : null;
    }

    /**
     * A container's JSON text: the export's own where the parser kept it (as a dynamic column stores it), else
     * written out. No PowerShell repair: for a column that is text in its table (OfficeActivity's Folders).
     */
    static String jsonText(JsonNode node) {
        RawTree.Source source = sourceOf(node);
        return source != null ? source.text() : node.toString();
    }

    static String dynamicText(JsonNode node) {
        // The export's own text where the parser kept it, unless it may hold PowerShell's "@{" bags to repair.
        RawTree.Source source = sourceOf(node);
        return source != null && !source.mayHoldBags() ? source.text() : repaired(node).toString();
    }

    private static JsonNode repaired(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            String trimmed = text.trim();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                try {
                    JsonNode parsed = Jackson.MAPPER.readTree(trimmed);
                    if (parsed != null && (parsed.isObject() || parsed.isArray())) {
                        return repaired(parsed);
                    }
                } catch (java.io.IOException e) {
                    return node;
                }
            }
            ObjectNode bag = powershellBag(text);
            return bag != null ? bag : node;
        }
        if (node.isArray()) {
            boolean changed = false;
            List<JsonNode> items = new ArrayList<>();
            for (JsonNode item : node) {
                JsonNode fixed = item.isTextual() ? powershellOr(item) : item;
                changed |= fixed != item;
                items.add(fixed);
            }
            if (changed) {
                return JsonNodeFactory.instance.arrayNode().addAll(items);
            }
        }
        if (node.isObject()) {
            ObjectNode copy = null;
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode fixed = field.getValue().isContainerNode() ? repaired(field.getValue()) : field.getValue();
                if (fixed != field.getValue()) {
                    if (copy == null) {
                        copy = ((ObjectNode) node).deepCopy();
                    }
                    copy.set(field.getKey(), fixed);
                }
            }
            if (copy != null) {
                return copy;
            }
        }
        return node;
    }

    private static JsonNode powershellOr(JsonNode item) {
        ObjectNode bag = powershellBag(item.textValue());
        return bag == null ? item : bag;
    }

    /** {@code @{Value=Bind; Name=MailAccessType}} as a bag of strings, or null for any other text. */
    static ObjectNode powershellBag(String text) {
        Matcher m = POWERSHELL_BAG.matcher(text);
        if (!m.matches()) {
            return null;
        }
        ObjectNode bag = JsonNodeFactory.instance.objectNode();
        String body = m.group(1);
        if (body.isBlank()) {
            return bag;
        }
        for (String part : body.split("; ")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                return null;
            }
            String key = part.substring(0, equals);
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return null;
            }
            bag.put(key, part.substring(equals + 1));
        }
        return bag;
    }
}
