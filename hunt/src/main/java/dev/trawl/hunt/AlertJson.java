package dev.trawl.hunt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.engine.value.ValueFormat;
import dev.trawl.kql.types.ScalarType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of an alert, one object per line (the README documents its fields): the rule, the run's now, the
 * window, the entities, and the evidence rows as objects keyed by column name, values as {@code trawl query
 * --format json} writes them.
 */
public final class AlertJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AlertJson() {
    }

    public static String line(Alert alert, Instant now) {
        StringWriter buffer = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(buffer)) {
            json.writeStartObject();
            json.writeStringField("ruleId", alert.ruleId());
            json.writeStringField("ruleName", alert.ruleName());
            json.writeStringField("severity", alert.severity());
            json.writeArrayFieldStart("tactics");
            for (String tactic : alert.tactics()) {
                json.writeString(tactic);
            }
            json.writeEndArray();
            json.writeStringField("now", now.toString());
            writeInstant(json, "windowStart", alert.windowStart());
            writeInstant(json, "windowEnd", alert.windowEnd());
            json.writeObjectFieldStart("entities");
            for (Map.Entry<String, List<String>> entity : alert.entities().entrySet()) {
                json.writeArrayFieldStart(entity.getKey());
                for (String value : entity.getValue()) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeNumberField("evidenceCount", alert.evidenceCount());
            json.writeArrayFieldStart("evidence");
            for (Object[] row : alert.evidence()) {
                json.writeStartObject();
                for (int c = 0; c < row.length; c++) {
                    QueryResult.Column column = alert.columns().get(c);
                    json.writeFieldName(column.name());
                    writeCell(json, column.type(), row[c]);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString();
    }

    private static void writeInstant(JsonGenerator json, String field, Instant value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value.toString());
        }
    }

    /**
     * One result cell: numbers and bools as JSON numbers and bools, datetimes and timespans as Kusto writes them,
     * dynamics embedded as JSON, non-finite reals as their Kusto text, nulls as null.
     */
    public static void writeCell(JsonGenerator json, ScalarType type, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        switch (type) {
            case BOOL -> json.writeBoolean((Boolean) value);
            case INT, LONG -> json.writeNumber(((Number) value).longValue());
            case REAL -> {
                double real = (Double) value;
                if (Double.isFinite(real)) {
                    json.writeNumber(real);
                } else {
                    json.writeString(ValueFormat.format(type, value));
                }
            }
            case DECIMAL -> json.writeNumber((java.math.BigDecimal) value);
            case DYNAMIC -> json.writeRawValue(ValueFormat.format(type, value));
            default -> json.writeString(ValueFormat.format(type, value));
        }
    }
}
