package dev.trawl.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the store holds: every committed segment, identity file and quarantine file, and each table's schema.
 * A file on disk that the manifest does not list is not part of the store (a crashed ingest's leftovers), so
 * replacing the manifest by rename is the one step that commits an ingest.
 */
public record Manifest(int version, Map<String, TableInfo> tables, List<Segment> segments, List<String> identityFiles,
        List<String> quarantineFiles, List<JsonNode> ingests) {
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Manifest {
        tables = Map.copyOf(tables);
        segments = List.copyOf(segments);
        identityFiles = List.copyOf(identityFiles);
        quarantineFiles = List.copyOf(quarantineFiles);
        ingests = List.copyOf(ingests);
    }

    public static Manifest empty() {
        return new Manifest(0, Map.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** A table's schema, and the datetime column its day partitions come from (null: no time column). */
    public record TableInfo(Schema schema, String timeColumn) {
    }

    /** One Parquet file of one table's rows from one day ({@code day} is {@code yyyy-MM-dd}). */
    public record Segment(String table, String day, String file, long rows) {
    }

    byte[] toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", version);
        ObjectNode tableNodes = root.putObject("tables");
        tables.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            ObjectNode table = tableNodes.putObject(entry.getKey());
            if (entry.getValue().timeColumn() != null) {
                table.put("timeColumn", entry.getValue().timeColumn());
            }
            ArrayNode columns = table.putArray("columns");
            for (Schema.Field field : entry.getValue().schema().fields()) {
                columns.addObject().put("name", field.name()).put("type", field.type().kqlName());
            }
        });
        ArrayNode segmentNodes = root.putArray("segments");
        for (Segment segment : segments) {
            segmentNodes.addObject().put("table", segment.table()).put("day", segment.day())
                    .put("file", segment.file()).put("rows", segment.rows());
        }
        identityFiles.forEach(root.putArray("identities")::add);
        quarantineFiles.forEach(root.putArray("quarantine")::add);
        ArrayNode ingestNodes = root.putArray("ingests");
        ingests.forEach(ingestNodes::add);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    static Manifest fromJson(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        if (root == null || root.path("format").asInt() != FORMAT) {
            throw new IOException("the store's manifest is not format " + FORMAT);
        }
        Map<String, TableInfo> tables = new LinkedHashMap<>();
        root.path("tables").properties().forEach(entry -> {
            List<Schema.Field> fields = new ArrayList<>();
            for (JsonNode column : entry.getValue().path("columns")) {
                fields.add(new Schema.Field(column.path("name").asText(), ScalarType.fromName(column.path("type").asText())));
            }
            JsonNode time = entry.getValue().get("timeColumn");
            tables.put(entry.getKey(), new TableInfo(new Schema(fields), time == null ? null : time.asText()));
        });
        List<Segment> segments = new ArrayList<>();
        for (JsonNode node : root.path("segments")) {
            segments.add(new Segment(node.path("table").asText(), node.path("day").asText(), node.path("file").asText(),
                    node.path("rows").asLong()));
        }
        List<String> identities = new ArrayList<>();
        root.path("identities").forEach(node -> identities.add(node.asText()));
        List<String> quarantine = new ArrayList<>();
        root.path("quarantine").forEach(node -> quarantine.add(node.asText()));
        List<JsonNode> ingests = new ArrayList<>();
        root.path("ingests").forEach(ingests::add);
        return new Manifest(root.path("version").asInt(), tables, segments, identities, quarantine, ingests);
    }
}
