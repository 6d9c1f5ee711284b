package dev.trawl.hunt;

import dev.trawl.engine.exec.QueryResult;
import dev.trawl.engine.value.ValueFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which result columns name which entities. A rule's {@code entityMappings} decide when it has them (Sentinel's
 * own rule); otherwise well-known columns of the Microsoft 365 tables do, including the properties of a
 * {@code RawEventData} record that Exchange puts there (the mailbox's owner is only there).
 */
final class Entities {
    /** A place a value comes from: a column, and optionally a property of that column's dynamic value. */
    private record Source(String type, int column, String property) {
    }

    private static final Map<String, List<String>> WELL_KNOWN_COLUMNS = new LinkedHashMap<>();
    private static final Map<String, List<String>> WELL_KNOWN_PROPERTIES = new LinkedHashMap<>();

    static {
        WELL_KNOWN_COLUMNS.put("Account", List.of("AccountUpn", "AccountUPN", "UserPrincipalName", "UserId",
                "AccountDisplayName", "AccountName", "AccountObjectId"));
        WELL_KNOWN_COLUMNS.put("Mailbox", List.of("MailboxOwnerUPN", "RawEventData_MailboxOwnerUPN"));
        WELL_KNOWN_COLUMNS.put("IP", List.of("IPAddress", "ClientIP", "ClientIPAddress"));
        WELL_KNOWN_COLUMNS.put("CloudApplication", List.of("OAuthAppId", "ClientAppId", "AppId"));
        WELL_KNOWN_PROPERTIES.put("Account", List.of("UserId"));
        WELL_KNOWN_PROPERTIES.put("Mailbox", List.of("MailboxOwnerUPN"));
        WELL_KNOWN_PROPERTIES.put("IP", List.of("ClientIPAddress"));
        WELL_KNOWN_PROPERTIES.put("CloudApplication", List.of("ClientAppId"));
    }

    private final QueryResult result;
    private final List<Source> sources;

    private Entities(QueryResult result, List<Source> sources) {
        this.result = result;
        this.sources = sources;
    }

    static Entities of(Rule rule, QueryResult result) {
        List<Source> sources = new ArrayList<>();
        if (!rule.entityMappings().isEmpty()) {
            for (Rule.EntityMapping mapping : rule.entityMappings()) {
                for (Rule.FieldMapping field : mapping.fieldMappings()) {
                    int column = index(result, field.columnName());
                    if (column >= 0) {
                        sources.add(new Source(mapping.entityType(), column, null));
                    }
                }
            }
            return new Entities(result, sources);
        }
        WELL_KNOWN_COLUMNS.forEach((type, names) -> {
            for (String name : names) {
                int column = index(result, name);
                if (column >= 0) {
                    sources.add(new Source(type, column, null));
                }
            }
        });
        int raw = index(result, "RawEventData");
        if (raw >= 0) {
            WELL_KNOWN_PROPERTIES.forEach((type, names) -> names.forEach(p -> sources.add(new Source(type, raw, p))));
        }
        return new Entities(result, sources);
    }

    private static int index(QueryResult result, String name) {
        for (int c = 0; c < result.columns().size(); c++) {
            if (result.columns().get(c).name().equals(name)) {
                return c;
            }
        }
        return -1;
    }

    /** Per entity type, the distinct non-empty values in these rows, in order of first appearance. */
    Map<String, List<String>> of(List<Integer> rows) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (int row : rows) {
            for (Source source : sources) {
                String value = value(row, source);
                if (value != null && !value.isEmpty()) {
                    values.computeIfAbsent(source.type(), t -> new LinkedHashSet<>()).add(value);
                }
            }
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        values.forEach((type, set) -> out.put(type, List.copyOf(set)));
        return out;
    }

    /** The rows' entities as {@code type:value} keys, to tell whether two groups of rows share one. */
    Set<String> keys(List<Integer> rows) {
        Set<String> keys = new LinkedHashSet<>();
        of(rows).forEach((type, list) -> list.forEach(v -> keys.add(type + ":" + v)));
        return keys;
    }

    private String value(int row, Source source) {
        Object cell = result.value(row, source.column());
        if (source.property() == null) {
            return cell == null ? null : ValueFormat.format(result.columns().get(source.column()).type(), cell);
        }
        if (cell instanceof Map<?, ?> bag) {
            Object inner = bag.get(source.property());
            return inner instanceof String text ? text : inner == null ? null : ValueFormat.json(inner);
        }
        return null;
    }
}
