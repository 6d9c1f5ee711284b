package dev.trawl.hunt;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryException;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.types.ScalarType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One scheduled run of a rule: its query, verbatim, as of a given {@code now}, over tables with the exclusions'
 * rows hidden; the result turned into alerts.
 *
 * <p>Grouping ({@link Rule.Grouping}): a rule's {@code eventGroupingSettings} is followed ({@code SingleAlert}: one
 * alert; {@code AlertPerResult}: one per row). Without it (hunting queries have none) the result's rows are grouped
 * by the hour of their time column ({@code Timestamp}, {@code TimeGenerated}, {@code StartTime}, else the first
 * datetime column), and consecutive hours that share an entity become one alert, so a three-hour burst by one app
 * is one alert with a three-hour window. A result without a time column is one alert. An alert's window runs from
 * the first hour of its rows' times to the end of the last.
 */
public final class Hunt {
    private static final List<String> TIME_COLUMNS = List.of("Timestamp", "TimeGenerated", "StartTime", "StartTimeUtc");
    private static final Duration HOUR = Duration.ofHours(1);

    private Hunt() {
    }

    /** How a run's engine gets the tables rules read: the store's, in practice. */
    @FunctionalInterface
    public interface Tables {
        void registerOn(Engine engine);
    }

    /**
     * @param now the run's {@code now()}
     * @param evidenceLimit how many evidence rows an alert keeps (all are counted)
     */
    public record Options(Instant now, Exclusions exclusions, int evidenceLimit) {
        public Options {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(exclusions, "exclusions");
            if (evidenceLimit < 0) {
                throw new IllegalArgumentException("evidenceLimit " + evidenceLimit);
            }
        }
    }

    /** How many of the table's rows in the rule's look-back an exclusion hid (each row counted by its first match). */
    public record ExclusionCount(Exclusions.Exclusion exclusion, long removed, long rowsInWindow) {
    }

    /**
     * A run's outcome.
     *
     * @param query the query as run (the rule's, or a variant such as a threshold sweep's)
     * @param triggered whether the result's row count met the rule's trigger
     */
    public record Run(Rule rule, Instant now, SourceText query, QueryResult result, boolean triggered,
                      List<Alert> alerts, List<ExclusionCount> exclusionCounts) {
        public Run {
            alerts = List.copyOf(alerts);
            exclusionCounts = List.copyOf(exclusionCounts);
        }
    }

    /** Runs the rule's own query. */
    public static Run run(Rule rule, Tables tables, Options options) {
        return run(rule, new SourceText(rule.source().name() + "#query", rule.query().text()), tables, options);
    }

    /**
     * Runs {@code query} (the rule's, or a variant of it) as the rule.
     *
     * @throws QueryException when the query has errors
     * @throws ExclusionError when an exclusion's predicate has errors
     */
    public static Run run(Rule rule, SourceText query, Tables tables, Options options) {
        Engine engine = new Engine(options.now());
        tables.registerOn(engine);
        for (Exclusions.Exclusion exclusion : options.exclusions().exclusions()) {
            if (engine.schema(exclusion.table()) == null) {
                throw new ExclusionError(exclusion, List.of(Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, Span.NONE,
                        "exclusion '" + exclusion.name() + "' is for table '" + exclusion.table()
                                + "', which is not a table of the store")));
            }
            hide(engine, exclusion);
        }
        List<ExclusionCount> counts = List.of();
        if (!options.exclusions().exclusions().isEmpty()) {
            // Counted on an engine that hides nothing (the hiding one has already checked every predicate).
            Engine unfiltered = new Engine(options.now());
            tables.registerOn(unfiltered);
            counts = countExclusions(rule, unfiltered, options);
        }
        QueryResult result = engine.run(query);
        boolean triggered = rule.triggerOperator().fires(result.rowCount(), rule.triggerThreshold());
        List<Alert> alerts = triggered && result.rowCount() > 0 ? alerts(rule, result, options.evidenceLimit()) : List.of();
        return new Run(rule, options.now(), query, result, triggered, alerts, counts);
    }

    /** Hides an exclusion's rows; a predicate with errors is reported as that exclusion's. */
    static void hide(Engine engine, Exclusions.Exclusion exclusion) {
        try {
            engine.hideRows(exclusion.table(), exclusion.where());
        } catch (QueryException e) {
            throw new ExclusionError(exclusion, e.diagnostics());
        }
    }

    /** An exclusion whose predicate does not parse or bind; the diagnostics' spans index its {@code where} text. */
    public static final class ExclusionError extends RuntimeException {
        private final transient Exclusions.Exclusion exclusion;
        private final transient List<Diagnostic> diagnostics;

        ExclusionError(Exclusions.Exclusion exclusion, List<Diagnostic> diagnostics) {
            super("exclusion '" + exclusion.name() + "' has errors");
            this.exclusion = exclusion;
            this.diagnostics = List.copyOf(diagnostics);
        }

        public Exclusions.Exclusion exclusion() {
            return exclusion;
        }

        public List<Diagnostic> diagnostics() {
            return diagnostics;
        }
    }

    /**
     * Counts, per exclusion, the rows of its table in the rule's look-back ({@code queryPeriod}, else everything up
     * to now) that it hides: each predicate becomes a column, rows are counted per combination of values, and a
     * row is credited to the first exclusion that is true for it (a null or false predicate hides nothing).
     */
    private static List<ExclusionCount> countExclusions(Rule rule, Engine engine, Options options) {
        Map<String, List<Integer>> byTable = new LinkedHashMap<>();
        List<Exclusions.Exclusion> all = options.exclusions().exclusions();
        for (int i = 0; i < all.size(); i++) {
            byTable.computeIfAbsent(all.get(i).table(), t -> new ArrayList<>()).add(i);
        }
        long[] removed = new long[all.size()];
        long[] window = new long[all.size()];
        for (Map.Entry<String, List<Integer>> table : byTable.entrySet()) {
            StringBuilder query = new StringBuilder(table.getKey());
            String time = engine.schema(table.getKey()).indexOf("Timestamp") >= 0 ? "Timestamp"
                    : engine.schema(table.getKey()).indexOf("TimeGenerated") >= 0 ? "TimeGenerated" : null;
            if (time != null) {
                query.append("\n| where ").append(time).append(" <= now()");
                rule.queryPeriod().ifPresent(p -> query.append(" and ").append(time).append(" > now() - ")
                        .append(p.toSeconds()).append('s'));
            }
            query.append("\n| extend ");
            List<Integer> members = table.getValue();
            for (int k = 0; k < members.size(); k++) {
                query.append(k == 0 ? "" : ", ").append("e").append(k).append(" = (")
                        .append(all.get(members.get(k)).where().text()).append(')');
            }
            query.append("\n| summarize n = count() by ");
            for (int k = 0; k < members.size(); k++) {
                query.append(k == 0 ? "" : ", ").append('e').append(k);
            }
            QueryResult groups = engine.run(new SourceText("exclusion counts", query.toString()));
            long total = 0;
            for (int r = 0; r < groups.rowCount(); r++) {
                long n = ((Number) groups.value(r, members.size())).longValue();
                total += n;
                for (int k = 0; k < members.size(); k++) {
                    if (Boolean.TRUE.equals(groups.value(r, k))) {
                        removed[members.get(k)] += n;
                        break;
                    }
                }
            }
            for (int i : members) {
                window[i] = total;
            }
        }
        List<ExclusionCount> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            out.add(new ExclusionCount(all.get(i), removed[i], window[i]));
        }
        return out;
    }

    static List<Alert> alerts(Rule rule, QueryResult result, int evidenceLimit) {
        Entities entities = Entities.of(rule, result);
        int time = timeColumn(result);
        if (rule.grouping() == Rule.Grouping.ALERT_PER_RESULT) {
            List<Alert> alerts = new ArrayList<>();
            for (int r = 0; r < result.rowCount(); r++) {
                alerts.add(timedAlert(rule, result, time, List.of(r), entities, evidenceLimit));
            }
            return alerts;
        }
        if (time < 0 || rule.grouping() == Rule.Grouping.SINGLE_ALERT) {
            return List.of(timedAlert(rule, result, time, allRows(result), entities, evidenceLimit));
        }
        TreeMap<Instant, List<Integer>> hours = new TreeMap<>();
        List<Integer> untimed = new ArrayList<>();
        for (int r = 0; r < result.rowCount(); r++) {
            Object value = result.value(r, time);
            if (value == null) {
                untimed.add(r);
            } else {
                hours.computeIfAbsent(Ticks.instant((Long) value).truncatedTo(ChronoUnit.HOURS), h -> new ArrayList<>()).add(r);
            }
        }
        List<Alert> alerts = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        List<Integer> rows = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<Instant, List<Integer>> hour : hours.entrySet()) {
            Set<String> here = entities.keys(hour.getValue());
            boolean continues = end != null && end.equals(hour.getKey()) && here.stream().anyMatch(seen::contains);
            if (!continues && start != null) {
                alerts.add(alert(rule, result, start, end, rows, entities, evidenceLimit));
                rows = new ArrayList<>();
                seen = new LinkedHashSet<>();
            }
            if (!continues) {
                start = hour.getKey();
            }
            end = hour.getKey().plus(HOUR);
            rows.addAll(hour.getValue());
            seen.addAll(here);
        }
        if (start != null) {
            alerts.add(alert(rule, result, start, end, rows, entities, evidenceLimit));
        }
        if (!untimed.isEmpty()) {
            alerts.add(alert(rule, result, null, null, untimed, entities, evidenceLimit));
        }
        return alerts;
    }

    /** One alert of these rows, its window from the first hour of their times to the end of the last. */
    private static Alert timedAlert(Rule rule, QueryResult result, int time, List<Integer> rows, Entities entities,
                                    int evidenceLimit) {
        Instant start = null;
        Instant end = null;
        for (int r : rows) {
            Object value = time < 0 ? null : result.value(r, time);
            if (value != null) {
                Instant hour = Ticks.instant((Long) value).truncatedTo(ChronoUnit.HOURS);
                start = start == null || hour.isBefore(start) ? hour : start;
                end = end == null || hour.plus(HOUR).isAfter(end) ? hour.plus(HOUR) : end;
            }
        }
        return alert(rule, result, start, end, rows, entities, evidenceLimit);
    }

    private static List<Integer> allRows(QueryResult result) {
        List<Integer> rows = new ArrayList<>(result.rowCount());
        for (int r = 0; r < result.rowCount(); r++) {
            rows.add(r);
        }
        return rows;
    }

    private static Alert alert(Rule rule, QueryResult result, Instant start, Instant end, List<Integer> rows,
                               Entities entities, int evidenceLimit) {
        List<Object[]> evidence = new ArrayList<>();
        for (int r : rows.subList(0, Math.min(rows.size(), evidenceLimit))) {
            Object[] row = new Object[result.columns().size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = result.value(r, c);
            }
            evidence.add(row);
        }
        return new Alert(rule.id(), rule.name(), rule.tactics(), rule.severity(), start, end, entities.of(rows),
                result.columns(), evidence, rows.size());
    }

    /** The column alerts are timed by, or -1. */
    static int timeColumn(QueryResult result) {
        for (String name : TIME_COLUMNS) {
            for (int c = 0; c < result.columns().size(); c++) {
                QueryResult.Column column = result.columns().get(c);
                if (column.name().equals(name) && column.type() == ScalarType.DATETIME) {
                    return c;
                }
            }
        }
        for (int c = 0; c < result.columns().size(); c++) {
            if (result.columns().get(c).type() == ScalarType.DATETIME) {
                return c;
            }
        }
        return -1;
    }
}
