package dev.trawl.hunt;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trawl.kql.syntax.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the KQL query out of a Sentinel or Defender rule file (YAML), including rules that were pasted
 * without their indentation. A flattened rule is not valid YAML (the lines under {@code query: |} are not
 * indented), so when the YAML cannot be read, or has no {@code query}, the query is read tolerantly: the
 * lines after {@code query: |} up to the next top-level key of the rule schema, Markdown table or code fence.
 */
public final class RuleFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** {@code query:} at the start of a line, then a block indicator ({@code | |- |+ > >- |2}) or a value. */
    private static final Pattern QUERY_KEY = Pattern.compile(
            "^query[ \\t]*:(?:[ \\t]+(?<value>\\S.*?))?[ \\t]*$");
    private static final Pattern BLOCK_INDICATOR = Pattern.compile(
            "^(?<style>[|>])(?:(?<chomp1>[-+])(?<indent1>[1-9])?|(?<indent2>[1-9])(?<chomp2>[-+])?)?"
                    + "(?:[ \\t]+#.*)?$");

    /**
     * Top-level keys of the Sentinel analytic-rule and hunting-query schemas. A flattened query ends at the
     * first line that starts with one of these; a list of known keys rather than any {@code word:}, because
     * KQL lines can start with {@code name:} too (see {@link #KQL_COLUMN_DECLARATION}).
     */
    static final Set<String> RULE_KEYS = Set.of(
            "id", "name", "description", "severity", "status", "enabled", "kind", "version", "tags",
            "requiredDataConnectors", "dataTypes", "queryFrequency", "queryPeriod", "triggerOperator",
            "triggerThreshold", "tactics", "relevantTechniques", "techniques", "subTechniques",
            "entityMappings", "customDetails", "alertDetailsOverride", "eventGroupingSettings",
            "incidentConfiguration", "suppressionDuration", "suppressionEnabled", "sentinelEntitiesMappings",
            "metadata", "displayName", "author", "support", "categories", "references", "created",
            "lastUpdated", "templateVersion");
    private static final Pattern KEY_LINE = Pattern.compile("^(?<key>[A-Za-z][A-Za-z0-9_]*)[ \\t]*:(?:[ \\t](?<rest>.*))?$");
    /**
     * {@code name: string,} inside a multi-line {@code datatable(...)} or {@code externaldata(...)} schema is
     * KQL, not the rule's {@code name:} key.
     */
    private static final Pattern KQL_COLUMN_DECLARATION = Pattern.compile(
            "^\\s*(?:string|int|long|real|double|decimal|bool|boolean|datetime|date|timespan|time|guid"
                    + "|uniqueid|dynamic)\\s*[,)]?.*$");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    private static final Pattern FENCE_OR_DOCUMENT_MARKER = Pattern.compile("^(```|~~~|---\\s*$|\\.\\.\\.\\s*$)");

    /**
     * The query of a rule file.
     *
     * @param firstLine the 1-based file line where the query's first line is, if it is known
     * @param indent how many columns the query's lines are indented in the file
     * @param warnings how the file was read, when it was not plain valid YAML
     */
    public record RuleQuery(String text, OptionalInt firstLine, int indent, List<String> warnings) {
        public RuleQuery {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(firstLine, "firstLine");
            warnings = List.copyOf(warnings);
        }
    }

    /** Why a rule file has no query that can be read; reported for that file as an error. */
    public static final class NoQueryException extends Exception {
        public NoQueryException(String message) {
            super(message);
        }
    }

    private RuleFile() {
    }

    /**
     * The query of the rule in {@code file}, whose name is used in warnings.
     *
     * @throws NoQueryException when neither the YAML nor the tolerant reading finds a query
     */
    public static RuleQuery readQuery(SourceText file) throws NoQueryException {
        String yamlProblem;
        try {
            JsonNode root = YAML.readTree(file.text());
            JsonNode query = root == null ? null : root.get("query");
            if (query != null && query.isTextual() && !query.textValue().isBlank()) {
                return placed(file, query.textValue());
            }
            yamlProblem = query == null ? "it has no 'query' key" : "its 'query' is empty or not text";
        } catch (JacksonException | org.yaml.snakeyaml.error.YAMLException e) {
            yamlProblem = "it is not valid YAML: " + firstLine(e.getMessage());
        }
        return readTolerantly(file, yamlProblem);
    }

    /** A query read as YAML, placed in the file when its {@code query:} value can be found line by line. */
    private static RuleQuery placed(SourceText file, String text) {
        for (int line = 1; line <= file.lineCount(); line++) {
            Matcher key = QUERY_KEY.matcher(file.lineText(line));
            if (!key.matches()) {
                continue;
            }
            String value = key.group("value");
            if (value == null || BLOCK_INDICATOR.matcher(value).matches()) {
                int indent = blockIndent(file, line + 1, value);
                return new RuleQuery(text, OptionalInt.of(line + 1), indent, List.of());
            }
            // An inline value: plain, or quoted (one column further right).
            int valueColumn = key.start("value");
            char first = value.charAt(0);
            int indent = first == '"' || first == '\'' ? valueColumn + 1 : valueColumn;
            return new RuleQuery(text, OptionalInt.of(line), indent, List.of());
        }
        return new RuleQuery(text, OptionalInt.empty(), 0, List.of());
    }

    private static RuleQuery readTolerantly(SourceText file, String yamlProblem) throws NoQueryException {
        for (int keyLine = 1; keyLine <= file.lineCount(); keyLine++) {
            Matcher key = QUERY_KEY.matcher(file.lineText(keyLine));
            if (!key.matches()) {
                continue;
            }
            String value = key.group("value");
            Matcher block = value == null ? null : BLOCK_INDICATOR.matcher(value);
            if (block == null || !block.matches()) {
                throw new NoQueryException(file.name() + ": " + yamlProblem + ", and its 'query:' on line "
                        + keyLine + " is not followed by a '|' block, so the query cannot be told apart");
            }
            char chomping = chomping(block);
            int indent = blockIndent(file, keyLine + 1, value);
            int firstLine = keyLine + 1;
            int end = indent > 0 ? endOfIndentedBlock(file, firstLine, indent) : endOfFlattenedBlock(file, firstLine);
            List<String> lines = new ArrayList<>();
            for (int line = firstLine; line < end; line++) {
                String text = file.lineText(line);
                lines.add(text.length() >= indent ? text.substring(indent) : "");
            }
            String query = chomp(lines, chomping);
            if (query.isBlank()) {
                throw new NoQueryException(file.name() + ": " + yamlProblem + ", and the 'query:' block on line "
                        + keyLine + " is empty");
            }
            int lastContent = firstLine + lastNonBlank(lines);
            String where = "lines " + firstLine + "-" + lastContent
                    + (end <= file.lineCount() ? ", ending before line " + end + " '" + shorten(file.lineText(end)) + "'" : "");
            String warning = indent > 0
                    ? file.name() + ": " + yamlProblem + "; read the indented 'query:' block tolerantly (" + where + ")"
                    : file.name() + ": the rule's YAML is flattened (the lines under 'query: " + value
                            + "' are not indented, as when a rule is pasted without its indentation), so it was read"
                            + " tolerantly: the query is " + where;
            return new RuleQuery(query, OptionalInt.of(firstLine), indent, List.of(warning));
        }
        throw new NoQueryException(file.name() + ": no query found: " + yamlProblem + ", and no line starts with 'query:'");
    }

    /** YAML's rule: an explicit indentation digit, else the indentation of the first non-blank line. */
    private static int blockIndent(SourceText file, int fromLine, String indicator) {
        if (indicator != null) {
            for (char c : indicator.toCharArray()) {
                if (c >= '1' && c <= '9') {
                    return c - '0';
                }
                if (c == ' ' || c == '#') {
                    break;
                }
            }
        }
        for (int line = fromLine; line <= file.lineCount(); line++) {
            String text = file.lineText(line);
            if (!text.isBlank()) {
                return leadingSpaces(text);
            }
        }
        return 0;
    }

    private static int endOfIndentedBlock(SourceText file, int firstLine, int indent) {
        int line = firstLine;
        while (line <= file.lineCount()) {
            String text = file.lineText(line);
            if (!text.isBlank() && leadingSpaces(text) < indent) {
                break;
            }
            line++;
        }
        return line;
    }

    /** The first line after {@code firstLine} that cannot be part of a flattened query. */
    private static int endOfFlattenedBlock(SourceText file, int firstLine) {
        for (int line = firstLine; line <= file.lineCount(); line++) {
            String text = file.lineText(line);
            String next = line < file.lineCount() ? file.lineText(line + 1) : "";
            if (isRuleKey(text) || FENCE_OR_DOCUMENT_MARKER.matcher(text).find()
                    || TABLE_SEPARATOR.matcher(text).matches()
                    || (text.startsWith("|") && text.stripTrailing().endsWith("|") && TABLE_SEPARATOR.matcher(next).matches())) {
                return line;
            }
        }
        return file.lineCount() + 1;
    }

    private static boolean isRuleKey(String line) {
        Matcher key = KEY_LINE.matcher(line);
        if (!key.matches() || !RULE_KEYS.contains(key.group("key"))) {
            return false;
        }
        String rest = key.group("rest");
        return rest == null || !KQL_COLUMN_DECLARATION.matcher(rest).matches();
    }

    private static char chomping(Matcher block) {
        String chomp = block.group("chomp1") != null ? block.group("chomp1") : block.group("chomp2");
        return chomp == null ? ' ' : chomp.charAt(0);
    }

    /**
     * Joins block lines as YAML's chomping indicator says: clip keeps one final newline, strip ({@code -})
     * none, keep ({@code +}) all. Line breaks are kept also for folded ({@code >}) blocks: folding a
     * flattened query would join a {@code //} comment with the lines after it.
     */
    private static String chomp(List<String> lines, char chomping) {
        int last = lastNonBlank(lines);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            out.append(lines.get(i)).append('\n');
        }
        if (chomping == '-' && out.length() > 0) {
            out.setLength(out.length() - 1);
        } else if (chomping == '+') {
            for (int i = last + 1; i < lines.size(); i++) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static int lastNonBlank(List<String> lines) {
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        return last;
    }

    private static int leadingSpaces(String text) {
        int count = 0;
        while (count < text.length() && text.charAt(count) == ' ') {
            count++;
        }
        return count;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }

    private static String shorten(String text) {
        String stripped = text.strip();
        return stripped.length() <= 40 ? stripped : stripped.substring(0, 37) + "...";
    }
}
