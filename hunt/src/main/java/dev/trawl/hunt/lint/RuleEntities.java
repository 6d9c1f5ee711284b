package dev.trawl.hunt.lint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trawl.kql.syntax.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query columns a Sentinel rule maps to entities ({@code entityMappings[].fieldMappings[].columnName}),
 * which tell the linter the rule means to say who or what an alert is about.
 */
public final class RuleEntities {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code columnName: X} is a key of entity field mappings only, so it can be found in a flattened rule too. */
    private static final Pattern COLUMN_NAME = Pattern.compile("^\\s*(?:-\\s*)?columnName\\s*:\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?\\s*$");

    private RuleEntities() {
    }

    /** The mapped columns of the rule in {@code file}, in the order written, without repeats; empty when none. */
    public static List<String> columns(SourceText file) {
        List<String> columns = new ArrayList<>();
        try {
            JsonNode root = YAML.readTree(file.text());
            JsonNode mappings = root == null ? null : root.get("entityMappings");
            if (mappings != null && mappings.isArray()) {
                for (JsonNode mapping : mappings) {
                    JsonNode fields = mapping.get("fieldMappings");
                    if (fields != null && fields.isArray()) {
                        for (JsonNode field : fields) {
                            JsonNode column = field.get("columnName");
                            if (column != null && column.isTextual() && !columns.contains(column.textValue())) {
                                columns.add(column.textValue());
                            }
                        }
                    }
                }
                return List.copyOf(columns);
            }
            if (root != null && root.isObject()) {
                return List.of();
            }
        } catch (JacksonException | org.yaml.snakeyaml.error.YAMLException e) {
            // Not valid YAML (a flattened paste): read the mapping lines one by one below.
        }
        for (int line = 1; line <= file.lineCount(); line++) {
            Matcher matcher = COLUMN_NAME.matcher(file.lineText(line));
            if (matcher.matches() && !columns.contains(matcher.group(1))) {
                columns.add(matcher.group(1));
            }
        }
        return List.copyOf(columns);
    }
}
