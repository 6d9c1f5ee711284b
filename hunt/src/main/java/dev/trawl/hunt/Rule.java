package dev.trawl.hunt;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.syntax.SourceText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sentinel analytic rule, a Defender/Sentinel hunting query, or a bare {@code .kql} file: the query and the
 * metadata an alert carries. Fields the file leaves out get Sentinel's defaults (trigger: more than 0 rows).
 *
 * @param source the file as read, so diagnostics can point into it
 * @param query the query text and where it sits in the file
 * @param severity the rule's severity; {@code Medium} when the file has none (hunting queries don't carry one,
 *     and Sentinel requires one for an alert)
 * @param queryFrequency how often a scheduler runs it, when the rule says
 * @param queryPeriod how far back each run looks, when the rule says
 * @param warnings how the file was read, when it was not plain valid YAML
 */
public record Rule(SourceText source, RuleFile.RuleQuery query, String id, String name, String description,
                   String severity, List<String> tactics, Optional<Duration> queryFrequency,
                   Optional<Duration> queryPeriod, TriggerOperator triggerOperator, long triggerThreshold,
                   Grouping grouping, List<EntityMapping> entityMappings, List<String> warnings) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern TOP_LEVEL_SCALAR = Pattern.compile("^(?<key>[A-Za-z]+)[ \\t]*:[ \\t]*(?<value>.*?)[ \\t]*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^[ \\t]*-[ \\t]*(?<value>\\S.*?)[ \\t]*$");

    public Rule {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(query, "query");
        tactics = List.copyOf(tactics);
        entityMappings = List.copyOf(entityMappings);
        warnings = List.copyOf(warnings);
    }

    /** When a run's result raises an alert: Sentinel's {@code triggerOperator} over the result's row count. */
    public enum TriggerOperator {
        GT, LT, EQ, NE;

        public boolean fires(long rows, long threshold) {
            return switch (this) {
                case GT -> rows > threshold;
                case LT -> rows < threshold;
                case EQ -> rows == threshold;
                case NE -> rows != threshold;
            };
        }

        static TriggerOperator parse(String text) throws RuleException {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "gt", "greaterthan" -> GT;
                case "lt", "lessthan" -> LT;
                case "eq", "equal" -> EQ;
                case "ne", "notequal" -> NE;
                default -> throw new RuleException("triggerOperator '" + text + "' is not one of gt, lt, eq, ne");
            };
        }
    }

    /**
     * How result rows become alerts: Sentinel's {@code eventGroupingSettings.aggregationKind} when the rule sets it
     * ({@code SingleAlert}: all rows one alert; {@code AlertPerResult}: an alert per row), else Trawl's own choice
     * for rules that leave it out (hunting queries have no such setting): an alert per hour of the rows' time,
     * consecutive hours sharing an entity merged, so one burst is one alert.
     */
    public enum Grouping {
        BY_HOUR, SINGLE_ALERT, ALERT_PER_RESULT;

        static Grouping parse(String text) throws RuleException {
            if (text == null || text.isBlank()) {
                return BY_HOUR;
            }
            return switch (text.strip()) {
                case "SingleAlert" -> SINGLE_ALERT;
                case "AlertPerResult" -> ALERT_PER_RESULT;
                default -> throw new RuleException("eventGroupingSettings.aggregationKind '" + text
                        + "' is not SingleAlert or AlertPerResult");
            };
        }
    }

    /** Sentinel's entity mapping: an entity type and which result columns identify it. */
    public record EntityMapping(String entityType, List<FieldMapping> fieldMappings) {
        public EntityMapping {
            Objects.requireNonNull(entityType, "entityType");
            fieldMappings = List.copyOf(fieldMappings);
        }
    }

    public record FieldMapping(String identifier, String columnName) {
    }

    /** A rule file that cannot be run: no query, or metadata that makes no sense. */
    public static final class RuleException extends Exception {
        public RuleException(String message) {
            super(message);
        }
    }

    /** Reads a rule file: YAML (also pasted without its indentation) or, for {@code .kql .csl .kusto .txt}, a bare query. */
    public static Rule read(SourceText file) throws RuleException {
        String name = file.name();
        String stem = stem(name);
        if (isBareQuery(name)) {
            RuleFile.RuleQuery query = new RuleFile.RuleQuery(file.text(), java.util.OptionalInt.of(1), 0, List.of());
            return new Rule(file, query, stem, stem, "", "Medium", List.of(), Optional.empty(), Optional.empty(),
                    TriggerOperator.GT, 0, Grouping.BY_HOUR, List.of(), List.of());
        }
        RuleFile.RuleQuery query;
        try {
            query = RuleFile.readQuery(file);
        } catch (RuleFile.NoQueryException e) {
            throw new RuleException(e.getMessage());
        }
        JsonNode root = null;
        try {
            root = YAML.readTree(file.text());
        } catch (JacksonException | org.yaml.snakeyaml.error.YAMLException e) {
            // A flattened paste: its metadata is read line by line below.
        }
        List<String> warnings = new ArrayList<>(query.warnings());
        Metadata meta = root != null && root.isObject() && root.has("query") ? fromYaml(root) : fromLines(file);
        String id = meta.id == null || meta.id.isBlank() ? stem : meta.id;
        String ruleName = meta.name == null || meta.name.isBlank() ? (meta.displayName != null ? meta.displayName : id) : meta.name;
        return new Rule(file, query, id, ruleName, meta.description == null ? "" : meta.description.strip(),
                meta.severity == null || meta.severity.isBlank() ? "Medium" : meta.severity,
                meta.tactics, duration("queryFrequency", meta.queryFrequency), duration("queryPeriod", meta.queryPeriod),
                meta.triggerOperator == null ? TriggerOperator.GT : TriggerOperator.parse(meta.triggerOperator),
                threshold(meta.triggerThreshold), Grouping.parse(meta.aggregationKind), meta.entityMappings, warnings);
    }

    private static boolean isBareQuery(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".kql") || lower.endsWith(".csl") || lower.endsWith(".kusto") || lower.endsWith(".txt");
    }

    private static String stem(String name) {
        String file = name.replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The fields read from the file, before defaults. */
    private static final class Metadata {
        String id;
        String name;
        String displayName;
        String description;
        String severity;
        String queryFrequency;
        String queryPeriod;
        String triggerOperator;
        String triggerThreshold;
        String aggregationKind;
        List<String> tactics = new ArrayList<>();
        List<EntityMapping> entityMappings = new ArrayList<>();
    }

    private static Metadata fromYaml(JsonNode root) throws RuleException {
        Metadata meta = new Metadata();
        meta.id = text(root, "id");
        meta.name = text(root, "name");
        meta.displayName = text(root, "displayName");
        meta.description = text(root, "description");
        meta.severity = text(root, "severity");
        meta.queryFrequency = text(root, "queryFrequency");
        meta.queryPeriod = text(root, "queryPeriod");
        meta.triggerOperator = text(root, "triggerOperator");
        meta.triggerThreshold = text(root, "triggerThreshold");
        JsonNode grouping = root.get("eventGroupingSettings");
        meta.aggregationKind = grouping == null ? null : text(grouping, "aggregationKind");
        JsonNode tactics = root.get("tactics");
        if (tactics != null && tactics.isArray()) {
            tactics.forEach(t -> meta.tactics.add(t.asText()));
        } else if (tactics != null && tactics.isTextual()) {
            meta.tactics.add(tactics.asText());
        }
        JsonNode mappings = root.get("entityMappings");
        if (mappings != null && !mappings.isNull()) {
            if (!mappings.isArray()) {
                throw new RuleException("entityMappings must be a list of {entityType, fieldMappings}");
            }
            for (JsonNode mapping : mappings) {
                String type = text(mapping, "entityType");
                JsonNode fields = mapping.get("fieldMappings");
                if (type == null || fields == null || !fields.isArray()) {
                    throw new RuleException("each entityMappings entry needs an entityType and a list of fieldMappings");
                }
                List<FieldMapping> fieldMappings = new ArrayList<>();
                for (JsonNode field : fields) {
                    String column = text(field, "columnName");
                    if (column == null || column.isBlank()) {
                        throw new RuleException("a fieldMappings entry of " + type + " has no columnName");
                    }
                    String identifier = text(field, "identifier");
                    fieldMappings.add(new FieldMapping(identifier == null ? "" : identifier, column));
                }
                meta.entityMappings.add(new EntityMapping(type, fieldMappings));
            }
        }
        return meta;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /**
     * A flattened paste's metadata: top-level {@code key: value} lines, and {@code - item} lines under
     * {@code tactics:}, and the entity mappings' own keys under {@code entityMappings:}.
     */
    private static Metadata fromLines(SourceText file) {
        Metadata meta = new Metadata();
        int queryLine = file.lineCount() + 1;
        for (int line = 1; line <= file.lineCount(); line++) {
            if (file.lineText(line).startsWith("query:")) {
                queryLine = line;
                break;
            }
        }
        for (int line = 1; line <= file.lineCount(); line++) {
            Matcher m = TOP_LEVEL_SCALAR.matcher(file.lineText(line));
            if (!m.matches() || line == queryLine) {
                continue;
            }
            String value = unquote(m.group("value"));
            switch (m.group("key")) {
                case "id" -> meta.id = meta.id == null ? value : meta.id;
                case "name" -> meta.name = meta.name == null && line < queryLine ? value : meta.name;
                case "displayName" -> meta.displayName = value;
                case "severity" -> meta.severity = value;
                case "queryFrequency" -> meta.queryFrequency = value;
                case "queryPeriod" -> meta.queryPeriod = value;
                case "triggerOperator" -> meta.triggerOperator = value;
                case "triggerThreshold" -> meta.triggerThreshold = value;
                case "aggregationKind" -> meta.aggregationKind = value;
                case "tactics" -> {
                    for (int item = line + 1; item <= file.lineCount(); item++) {
                        Matcher entry = LIST_ITEM.matcher(file.lineText(item));
                        if (!entry.matches()) {
                            break;
                        }
                        meta.tactics.add(unquote(entry.group("value")));
                    }
                }
                case "description" -> meta.description = blockAfter(file, line, value);
                case "entityMappings" -> meta.entityMappings.addAll(flattenedMappings(file, line));
                default -> {
                }
            }
        }
        return meta;
    }

    private static final Pattern MAPPING_LINE = Pattern.compile(
            "^\\s*(?:-\\s*)?(?<key>entityType|identifier|columnName)\\s*:\\s*['\"]?(?<value>[A-Za-z_][A-Za-z0-9_]*)['\"]?\\s*$");

    /**
     * A flattened {@code entityMappings:} block: its {@code entityType}, {@code identifier} and {@code columnName}
     * lines (keys that only entity mappings have, so they are found without indentation), up to the next
     * top-level key of the rule schema.
     */
    private static List<EntityMapping> flattenedMappings(SourceText file, int keyLine) {
        List<EntityMapping> mappings = new ArrayList<>();
        String type = null;
        String identifier = "";
        List<FieldMapping> fields = new ArrayList<>();
        for (int line = keyLine + 1; line <= file.lineCount(); line++) {
            String content = file.lineText(line);
            Matcher key = TOP_LEVEL_SCALAR.matcher(content);
            if (key.matches() && isTopLevelKey(key.group("key"))) {
                break;
            }
            Matcher mapping = MAPPING_LINE.matcher(content);
            if (!mapping.matches()) {
                continue;
            }
            String value = mapping.group("value");
            switch (mapping.group("key")) {
                case "entityType" -> {
                    if (type != null) {
                        mappings.add(new EntityMapping(type, fields));
                    }
                    type = value;
                    fields = new ArrayList<>();
                    identifier = "";
                }
                case "identifier" -> identifier = value;
                default -> fields.add(new FieldMapping(identifier, value));
            }
        }
        if (type != null) {
            mappings.add(new EntityMapping(type, fields));
        }
        return mappings;
    }

    /** The result columns the rule maps to entities, in the order written, without repeats. */
    public List<String> entityColumns() {
        return entityMappings.stream().flatMap(m -> m.fieldMappings().stream()).map(FieldMapping::columnName)
                .distinct().toList();
    }

    /** A flattened {@code description: |}: the lines up to the next top-level key. */
    private static String blockAfter(SourceText file, int keyLine, String value) {
        if (!value.startsWith("|") && !value.startsWith(">")) {
            return value;
        }
        StringBuilder text = new StringBuilder();
        for (int line = keyLine + 1; line <= file.lineCount(); line++) {
            String content = file.lineText(line);
            Matcher key = TOP_LEVEL_SCALAR.matcher(content);
            if (key.matches() && isTopLevelKey(key.group("key"))) {
                break;
            }
            text.append(content.strip()).append('\n');
        }
        return text.toString();
    }


    /** A key of the rule schema, where a flattened block (a description, the entity mappings) ends. */
    private static boolean isTopLevelKey(String key) {
        return key.equals("query") || RuleFile.RULE_KEYS.contains(key);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static long threshold(String text) throws RuleException {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new RuleException("triggerThreshold '" + text + "' is not a whole number");
        }
    }

    /** Sentinel writes periods as KQL timespans ({@code 1h}, {@code 14d}); ISO 8601 ({@code PT1H}) is accepted too. */
    static Optional<Duration> duration(String key, String text) throws RuleException {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        Long ticks = LiteralValues.timespanTicks(value);
        if (ticks != null && ticks > 0) {
            return Optional.of(Duration.ofSeconds(ticks / LiteralValues.TICKS_PER_SECOND, ticks % LiteralValues.TICKS_PER_SECOND * 100));
        }
        try {
            Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (!parsed.isNegative() && !parsed.isZero()) {
                return Optional.of(parsed);
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        throw new RuleException(key + " '" + text + "' is not a positive timespan (e.g. 1h, 14d or PT1H)");
    }
}
