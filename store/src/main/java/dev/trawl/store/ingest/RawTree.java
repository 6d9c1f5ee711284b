package dev.trawl.store.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses one JSON record (a line's bytes) into a tree whose objects and arrays remember the exact bytes they
 * were read from. A dynamic column (RawEventData, ActivityObjects...) then stores its value's original JSON
 * text instead of a re-serialisation: cheaper, and the export's own spelling of every number is kept.
 */
final class RawTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 1000;
    /**
     * Containers down to this depth keep their source: 2 is a Streaming API record's columns (record,
     * properties, column), 3 a property of one of them (RawEventData.OperationProperties, a shredded column).
     */
    private static final int KEPT_DEPTH = 3;

    private RawTree() {
    }

    /**
     * Where a container was read from: bytes {@code [from, to)} of its record. {@code recordMayHoldBags} is false
     * when the whole record has no "@{", so no part of it needs the PowerShell repair.
     */
    record Source(byte[] record, int from, int to, boolean recordMayHoldBags) {
        String text() {
            return new String(record, from, to - from, StandardCharsets.UTF_8);
        }

        byte[] bytes() {
            return java.util.Arrays.copyOfRange(record, from, to);
        }

        /** Whether the source holds "@{" (a PowerShell-stringified bag to repair). */
        boolean mayHoldBags() {
            return recordMayHoldBags && ByteScan.containsPair(record, from, to, (byte) '@', (byte) '{');
        }
    }

    /** An object that knows its source text. */
    static final class RawObject extends ObjectNode {
        final Source source;

        RawObject(Source source) {
            super(NODES);
            this.source = source;
        }
    }

    /** An array that knows its source text. */
    static final class RawArray extends ArrayNode {
        final Source source;

        RawArray(Source source) {
            super(NODES);
            this.source = source;
        }
    }

    /**
     * The tree of {@code own[0, size)}; containers down to {@link #KEPT_DEPTH} keep their source. The nodes keep
     * the array, so the caller hands it over: nothing may change it after.
     */
    static JsonNode parseOwned(byte[] own, int size) throws IOException {
        try (JsonParser parser = Jackson.STREAM.createParser(own, 0, size)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "no JSON value");
            }
            JsonNode node = value(parser, token, own, 0, ByteScan.containsPair(own, 0, size, (byte) '@', (byte) '{'));
            if (parser.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "text after the JSON value");
            }
            return node;
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token, byte[] source, int depth, boolean bags)
            throws IOException {
        if (depth > MAX_DEPTH) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "nested more than " + MAX_DEPTH + " deep");
        }
        switch (token) {
            case START_OBJECT: {
                int from = (int) parser.currentTokenLocation().getByteOffset();
                ObjectNode object = depth <= KEPT_DEPTH ? null : NODES.objectNode();
                java.util.List<Object> fields = new java.util.ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    fields.add(name);
                    fields.add(value(parser, parser.nextToken(), source, depth + 1, bags));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + next);
                }
                if (object == null) {
                    int to = (int) parser.currentLocation().getByteOffset();
                    object = new RawObject(new Source(source, from, to, bags));
                }
                for (int i = 0; i < fields.size(); i += 2) {
                    object.replace((String) fields.get(i), (JsonNode) fields.get(i + 1));
                }
                return object;
            }
            case START_ARRAY: {
                int from = (int) parser.currentTokenLocation().getByteOffset();
                java.util.List<JsonNode> items = new java.util.ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected end in an array");
                    }
                    items.add(value(parser, next, source, depth + 1, bags));
                }
                ArrayNode array = depth <= KEPT_DEPTH ? new RawArray(new Source(source, from, (int) parser.currentLocation().getByteOffset(), bags))
                        : NODES.arrayNode();
                array.addAll(items);
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + token);
        }
    }
}
