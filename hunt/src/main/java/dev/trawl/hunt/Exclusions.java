package dev.trawl.hunt;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trawl.kql.syntax.SourceText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Known-benign activity to take out of the data before a rule sees it: each exclusion is a KQL predicate over
 * one table's columns, and the rows it matches are hidden from the rule's every read of that table (so a time
 * series is built without them), while the rule's text stays verbatim. The file:
 *
 * <pre>
 * exclusions:
 *   - name: archive-job                 # short, unique; alerts and reports count by it
 *     scenario: Scheduled Email Archiving Job
 *     table: CloudAppEvents             # optional, CloudAppEvents by default
 *     where: tostring(RawEventData.ClientAppId) == "..." and hourofday(Timestamp) between (1 .. 3)
 *     reason: why this is benign, who owns it, when to revisit it
 * </pre>
 */
public record Exclusions(List<Exclusion> exclusions) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final Exclusions NONE = new Exclusions(List.of());

    public Exclusions {
        exclusions = List.copyOf(exclusions);
    }

    /**
     * One exclusion.
     *
     * @param where the predicate, as a source text named after the file and the exclusion so diagnostics say which
     */
    public record Exclusion(String name, String scenario, String table, SourceText where, String reason) {
        public Exclusion {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(where, "where");
        }
    }

    /** An exclusions file that cannot be used; the message names the file and the entry. */
    public static final class ExclusionsException extends Exception {
        public ExclusionsException(String message) {
            super(message);
        }
    }

    /** Whether a YAML file is an exclusions file (a top-level {@code exclusions:} and no {@code query:}), not a rule. */
    public static boolean isExclusionsFile(SourceText file) {
        try {
            JsonNode root = YAML.readTree(file.text());
            return root != null && root.isObject() && root.has("exclusions") && !root.has("query");
        } catch (JacksonException | org.yaml.snakeyaml.error.YAMLException e) {
            return false;
        }
    }

    public static Exclusions read(SourceText file) throws ExclusionsException {
        JsonNode root;
        try {
            root = YAML.readTree(file.text());
        } catch (JacksonException | org.yaml.snakeyaml.error.YAMLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ExclusionsException(file.name() + ": not valid YAML: " + message);
        }
        JsonNode list = root == null ? null : root.get("exclusions");
        if (list == null || !list.isArray()) {
            throw new ExclusionsException(file.name() + ": expected a top-level 'exclusions:' list");
        }
        List<Exclusion> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode entry : list) {
            index++;
            String where = "entry " + index;
            String name = text(entry, "name");
            if (name == null || name.isBlank()) {
                throw new ExclusionsException(file.name() + ": " + where + " has no 'name'");
            }
            if (!names.add(name)) {
                throw new ExclusionsException(file.name() + ": two exclusions are named '" + name + "'");
            }
            String predicate = text(entry, "where");
            if (predicate == null || predicate.isBlank()) {
                throw new ExclusionsException(file.name() + ": exclusion '" + name + "' has no 'where' predicate");
            }
            String table = text(entry, "table");
            out.add(new Exclusion(name, Objects.requireNonNullElse(text(entry, "scenario"), ""),
                    table == null || table.isBlank() ? "CloudAppEvents" : table.strip(),
                    new SourceText(file.name() + " (exclusion '" + name + "', where)", predicate.strip()),
                    Objects.requireNonNullElse(text(entry, "reason"), "").strip()));
        }
        return new Exclusions(out);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
