package dev.trawl.engine.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.engine.exec.QueryResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Tallies a run and renders it: a summary (pass counts per category, overall, issue 3's in-scope figure, the join
 * and mv-expand groups, regressions against the stored passing list) for the console, the same plus every case
 * for {@code target/conformance-report.txt}, and a JSON summary for tools.
 */
final class ConformanceReport {
    /** Issue 3's acceptance target for the in-scope cases. */
    static final double IN_SCOPE_TARGET = 0.85;
    private static final int MAX_ACTUAL_ROWS = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Tally(int cases, int pass) {
        Tally add(boolean passed) {
            return new Tally(cases + 1, pass + (passed ? 1 : 0));
        }

        String percent() {
            return cases == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * pass / cases);
        }

        @Override
        public String toString() {
            return pass + "/" + cases + " (" + percent() + ")";
        }
    }

    private final List<CaseOutcome> outcomes;
    private final int baseline;
    private final boolean filtered;
    private final Map<String, Tally> categories = new TreeMap<>();
    private final Map<CaseOutcome.Kind, Integer> kinds = new EnumMap<>(CaseOutcome.Kind.class);
    private Tally overall = new Tally(0, 0);
    private Tally inScope = new Tally(0, 0);
    private Tally join = new Tally(0, 0);
    private Tally mvExpand = new Tally(0, 0);
    private final Set<String> passing = new LinkedHashSet<>();
    private final List<String> regressions = new ArrayList<>();
    private final List<String> newlyPassing = new ArrayList<>();
    private final List<String> vanished = new ArrayList<>();

    ConformanceReport(List<CaseOutcome> outcomes, int baseline, Set<String> previouslyPassing, boolean filtered) {
        this.outcomes = List.copyOf(outcomes);
        this.baseline = baseline;
        this.filtered = filtered;
        for (CaseOutcome.Kind kind : CaseOutcome.Kind.values()) {
            kinds.put(kind, 0);
        }
        Set<String> run = new LinkedHashSet<>();
        for (CaseOutcome o : outcomes) {
            boolean pass = o.kind() == CaseOutcome.Kind.PASS;
            ConformanceCase c = o.testCase();
            run.add(c.id());
            kinds.merge(o.kind(), 1, Integer::sum);
            categories.merge(c.category(), new Tally(1, pass ? 1 : 0), (a, b) -> new Tally(a.cases + b.cases, a.pass + b.pass));
            overall = overall.add(pass);
            if (o.prepared().inScope()) {
                inScope = inScope.add(pass);
            }
            if (c.category().equals(Scope.JOIN_CATEGORY)) {
                join = join.add(pass);
            }
            if (c.category().equals(Scope.MV_EXPAND_CATEGORY)) {
                mvExpand = mvExpand.add(pass);
            }
            if (pass) {
                passing.add(c.id());
                if (!previouslyPassing.contains(c.id())) {
                    newlyPassing.add(c.label());
                }
            } else if (previouslyPassing.contains(c.id())) {
                regressions.add(c.label() + " — now " + o.kind());
            }
        }
        if (!filtered) {
            for (String id : previouslyPassing) {
                if (!run.contains(id)) {
                    vanished.add(id.replace('\t', ' '));
                }
            }
        }
    }

    Tally inScope() {
        return inScope;
    }

    Set<String> passingIds() {
        return passing;
    }

    List<String> regressions() {
        return regressions;
    }

    /** The console summary. */
    String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Conformance: ").append(overall).append(" of the documented Kusto examples pass")
                .append(filtered ? " (filtered run)" : "").append('\n');
        out.append("  outcomes: ");
        kinds.forEach((kind, n) -> out.append(kind.name().toLowerCase(Locale.ROOT)).append(' ').append(n).append("  "));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "  in scope (issue 3: all but series_*, make-series, geo_*, functions-library): %s,"
                + " target %.0f%% = %d; baseline %d%n", inScope, IN_SCOPE_TARGET * 100,
                (int) Math.ceil(IN_SCOPE_TARGET * inScope.cases), baseline));
        out.append("  join/lookup: ").append(join).append("   mv-expand/mv-apply: ").append(mvExpand)
                .append("   (issue 3 target: all)\n");
        out.append("  by category:\n");
        categories.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Tally> e) -> -e.getValue().cases).thenComparing(Map.Entry::getKey))
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %-28s %4d/%-4d %7s%n", e.getKey(),
                        e.getValue().pass, e.getValue().cases, e.getValue().percent())));
        if (!regressions.isEmpty()) {
            out.append("  REGRESSIONS: ").append(regressions.size()).append(" case(s) listed as passing now fail:\n");
            regressions.forEach(r -> out.append("    ").append(r).append('\n'));
        }
        if (!newlyPassing.isEmpty()) {
            out.append("  newly passing: ").append(newlyPassing.size())
                    .append(" (record them with -Dconformance.update=true)\n");
        }
        if (!vanished.isEmpty()) {
            out.append("  ").append(vanished.size()).append(" listed passing case(s) are no longer in the corpus:\n");
            vanished.forEach(v -> out.append("    ").append(v).append('\n'));
        }
        List<CaseOutcome> unparseable = outcomes.stream().filter(o -> o.prepared().expected() == null).toList();
        if (!unparseable.isEmpty()) {
            out.append("  documented outputs that are not tables: ").append(unparseable.size()).append('\n');
            unparseable.forEach(o -> out.append("    ").append(o.testCase().label()).append(": ")
                    .append(o.prepared().parseError()).append('\n'));
        }
        long repaired = outcomes.stream().filter(o -> o.prepared().expected() != null
                && !o.prepared().expected().warnings().isEmpty()).count();
        if (repaired > 0) {
            out.append("  documented tables read with repairs (see the report): ").append(repaired).append('\n');
        }
        out.append("  slowest:");
        outcomes.stream().sorted(Comparator.comparingLong(CaseOutcome::nanos).reversed()).limit(5)
                .forEach(o -> out.append(String.format(Locale.ROOT, " #%d %.0f ms;", o.testCase().line(), o.nanos() / 1e6)));
        out.append('\n');
        return out.toString();
    }

    /** The full report: the summary, then every case (passes on one line, the rest with query, output and diff). */
    String full() {
        StringBuilder out = new StringBuilder(summary());
        out.append("\nEach case: #LINE in shared/kql/conformance/cases.jsonl, outcome, time, [category], page: title.\n");
        for (CaseOutcome o : outcomes) {
            ConformanceCase c = o.testCase();
            PreparedCase p = o.prepared();
            out.append(String.format(Locale.ROOT, "%n== #%d %s %.1f ms [%s]%s %s: %s%n", c.line(), o.kind(), o.nanos() / 1e6,
                    c.category(), p.inScope() ? "" : " (out of scope: " + p.outOfScopeReason() + ")", c.shortSource(),
                    c.title()));
            if (!p.plan().reasons().isEmpty()) {
                out.append("   plan: ").append(String.join("; ", p.plan().reasons())).append('\n');
            }
            if (p.expected() != null && !p.expected().warnings().isEmpty()) {
                out.append("   documented table read with repairs: ").append(String.join("; ", p.expected().warnings())).append('\n');
            }
            if (o.kind() == CaseOutcome.Kind.PASS) {
                continue;
            }
            out.append("   query:\n").append(indent(c.query(), "     ")).append('\n');
            if (!c.notes().isEmpty()) {
                out.append("   notes: ").append(c.notes()).append('\n');
            }
            if (o.kind() == CaseOutcome.Kind.FAIL || o.kind() == CaseOutcome.Kind.UNPARSEABLE) {
                out.append("   documented:\n").append(indent(c.expected(), "     ")).append('\n');
            }
            if (o.actual() != null) {
                out.append("   result (").append(o.actual().rowCount()).append(" rows):\n").append(render(o.actual()));
            }
            if (o.detail() != null) {
                out.append("   ").append(switch (o.kind()) {
                    case FAIL -> "diff: ";
                    case ERROR -> "error: ";
                    case CRASH -> "crash: ";
                    case TIMEOUT -> "timeout: ";
                    default -> "";
                }).append(o.detail()).append('\n');
            }
        }
        return out.toString();
    }

    private static String render(ActualTable table) {
        StringBuilder out = new StringBuilder("     |");
        for (QueryResult.Column column : table.columns()) {
            out.append(' ').append(column.name()).append(':').append(column.type()).append(" |");
        }
        out.append('\n');
        for (int r = 0; r < Math.min(MAX_ACTUAL_ROWS, table.rowCount()); r++) {
            out.append("     ").append(TableComparator.render(table.rows().get(r))).append('\n');
        }
        if (table.rowCount() > MAX_ACTUAL_ROWS) {
            out.append("     ... ").append(table.rowCount() - MAX_ACTUAL_ROWS).append(" more\n");
        }
        return out.toString();
    }

    private static String indent(String text, String prefix) {
        return prefix + text.strip().replace("\n", "\n" + prefix);
    }

    /** The JSON summary: counts, groups, regressions and each case's outcome. */
    String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("filtered", filtered);
        root.set("overall", tally(overall));
        ObjectNode kindNode = root.putObject("outcomes");
        kinds.forEach((kind, n) -> kindNode.put(kind.name().toLowerCase(Locale.ROOT), n));
        ObjectNode scope = tally(inScope);
        scope.put("baseline", baseline);
        scope.put("target", IN_SCOPE_TARGET);
        scope.put("rule", "all cases except categories series_*, make-series, functions-library (UDF) and queries calling"
                + " series_*() / geo_*() or using make-series");
        root.set("inScope", scope);
        root.set("join", tally(join));
        root.set("mvExpand", tally(mvExpand));
        ObjectNode categoryNode = root.putObject("categories");
        categories.forEach((name, t) -> categoryNode.set(name, tally(t)));
        ArrayNode regressionNode = root.putArray("regressions");
        regressions.forEach(regressionNode::add);
        ArrayNode newNode = root.putArray("newlyPassing");
        newlyPassing.forEach(newNode::add);
        ArrayNode cases = root.putArray("cases");
        for (CaseOutcome o : outcomes) {
            ObjectNode node = cases.addObject();
            node.put("line", o.testCase().line());
            node.put("source", o.testCase().source());
            node.put("title", o.testCase().title());
            node.put("category", o.testCase().category());
            node.put("inScope", o.prepared().inScope());
            node.put("outcome", o.kind().name().toLowerCase(Locale.ROOT));
            node.put("millis", Math.round(o.nanos() / 1e5) / 10.0);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode tally(Tally t) {
        ObjectNode node = JSON.createObjectNode();
        node.put("cases", t.cases);
        node.put("pass", t.pass);
        return node;
    }
}
