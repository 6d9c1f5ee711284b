package dev.trawl.hunt;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryException;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.kql.syntax.ParseResult;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.syntax.SyntaxTrees;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.Statement;
import dev.trawl.kql.syntax.ast.SyntaxNode;
import dev.trawl.kql.syntax.ast.TabularOperator;
import dev.trawl.series.OutlierKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What Trawl learns from a rule's {@code series_decompose_anomalies} call, by reading its syntax tree: where the
 * threshold is written (so a backtest can sweep it by changing that one token and nothing else), and the
 * query's own series with their decomposition (so a report can draw what the rule saw).
 */
public final class AnomalyQueries {
    private static final String FUNCTION = "series_decompose_anomalies";
    /**
     * The columns the series query adds with the threshold, test points and method the rule's call used, as the
     * engine evaluates its arguments (defaults where the call leaves them out: 0 test points, 'ctukey').
     */
    private static final String THRESHOLD_COLUMN = "TrawlThreshold";
    private static final String TEST_POINTS_COLUMN = "TrawlTestPoints";
    private static final String METHOD_COLUMN = "TrawlMethod";
    private static final int ADDED_COLUMNS = 3;

    private AnomalyQueries() {
    }

    /**
     * Where a rule's anomaly threshold is written: the literal itself, or the literal of the top-level
     * {@code let} the call names ({@code let scorethreshold = 1.5;}).
     */
    public record ThresholdSite(Span literal, String text) {
    }

    /**
     * One series as the rule decomposed it: a row of the make-series output with its anomaly columns, and the
     * call's threshold, test points and method (which the report's band needs).
     */
    public record SeriesView(String label, List<Instant> times, double[] values, double[] baseline, double[] flags,
                             double[] scores, double threshold, int testPoints, OutlierKind method) {
    }

    /** The threshold of the query's first {@code series_decompose_anomalies} call, when it is a literal or a let of one. */
    public static Optional<ThresholdSite> threshold(SourceText query) {
        ParseResult parsed = Parser.parse(query);
        Optional<Expression.Call> call = callWithThreshold(parsed);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        Expression value = ((Expression.Positional) call.get().arguments().get(1)).value();
        if (value instanceof Expression.Literal literal) {
            return Optional.of(new ThresholdSite(literal.span(), literal.text()));
        }
        if (value instanceof Expression.Name name) {
            for (Statement statement : parsed.script().statements()) {
                if (statement instanceof Statement.Let let && let.name().name().equals(name.identifier().name())
                        && let.value() instanceof Expression.Literal literal) {
                    return Optional.of(new ThresholdSite(literal.span(), literal.text()));
                }
            }
        }
        return Optional.empty();
    }

    /** The query with its anomaly threshold replaced by {@code threshold}, every other character unchanged. */
    public static SourceText withThreshold(SourceText query, ThresholdSite site, double threshold) {
        String text = query.text();
        String value = threshold == Math.rint(threshold) ? String.format(Locale.ROOT, "%.1f", threshold)
                : Double.toString(threshold);
        return new SourceText(query.name() + " (threshold " + value + ")",
                text.substring(0, site.literal().start()) + value + text.substring(site.literal().end()));
    }

    /**
     * The series the rule decomposes, with their baselines, flags and scores as the engine computes them: the
     * query up to the {@code extend} that calls {@code series_decompose_anomalies}, run over the same tables. Empty
     * when the rule has no such call over a {@code make-series} with a named time axis, or when the call sits inside a
     * subquery the query cannot be cut at.
     */
    public static List<SeriesView> series(SourceText query, Hunt.Tables tables, Hunt.Options options) {
        Optional<String> seriesQuery = seriesQuery(query);
        if (seriesQuery.isEmpty()) {
            return List.of();
        }
        Engine engine = new Engine(options.now());
        tables.registerOn(engine);
        for (Exclusions.Exclusion exclusion : options.exclusions().exclusions()) {
            Hunt.hide(engine, exclusion);
        }
        QueryResult result;
        try {
            result = engine.run(new SourceText(query.name() + " (series)", seriesQuery.get()));
        } catch (QueryException e) {
            // The call sits where cutting the query there leaves no query of its own (inside a join's or
            // mv-apply's subquery, say): the rule still runs, it only has no chart.
            return List.of();
        }
        Layout layout = layout(query, result);
        if (layout == null) {
            return List.of();
        }
        List<SeriesView> out = new ArrayList<>();
        for (int r = 0; r < result.rowCount(); r++) {
            StringBuilder label = new StringBuilder();
            for (int c : layout.labels) {
                Object cell = result.value(r, c);
                label.append(label.isEmpty() ? "" : ", ").append(result.columns().get(c).name()).append('=')
                        .append(cell == null ? "" : result.text(r, c));
            }
            List<Instant> times = new ArrayList<>();
            if (result.value(r, layout.axis) instanceof List<?> axis) {
                for (Object t : axis) {
                    times.add(t == null ? null : Ticks.parse(t.toString()));
                }
            }
            int added = result.columns().size() - ADDED_COLUMNS;
            Object threshold = result.value(r, added);
            Object testPoints = result.value(r, added + 1);
            Object method = result.value(r, added + 2);
            out.add(new SeriesView(label.isEmpty() ? "all" : label.toString(), times,
                    doubles(result.value(r, layout.values)), doubles(result.value(r, layout.baseline)),
                    doubles(result.value(r, layout.flags)), doubles(result.value(r, layout.scores)),
                    threshold instanceof Number n ? n.doubleValue() : Double.NaN,
                    testPoints instanceof Number p ? p.intValue() : 0,
                    OutlierKind.fromKql(method instanceof String m && !m.isEmpty() ? m : "ctukey")));
        }
        return out;
    }

    /** Which result columns hold what. */
    private record Layout(int axis, int values, int flags, int scores, int baseline, List<Integer> labels) {
    }

    private static Layout layout(SourceText query, QueryResult result) {
        ParseResult parsed = Parser.parse(query);
        Expression.Call call = firstCall(parsed).orElseThrow();
        Parts.NamedExpression assignment = assignment(parsed, call);
        String valueColumn = call.arguments().get(0) instanceof Expression.Positional p
                && p.value() instanceof Expression.Name n ? n.identifier().name() : null;
        String axisColumn = null;
        for (SyntaxNode node : SyntaxTrees.descendants(parsed.script())) {
            if (node instanceof TabularOperator.MakeSeries series && series.axis() instanceof Expression.Name axis) {
                axisColumn = axis.identifier().name();
            }
        }
        if (valueColumn == null || axisColumn == null) {
            return null;
        }
        String flag;
        String score;
        String baseline;
        if (assignment != null && assignment.tuple() && assignment.names().size() == 3) {
            flag = assignment.names().get(0).name();
            score = assignment.names().get(1).name();
            baseline = assignment.names().get(2).name();
        } else {
            // Kusto's default names for the three outputs of an unnamed call.
            String prefix = FUNCTION + "_" + valueColumn;
            flag = prefix + "_ad_flag";
            score = prefix + "_ad_score";
            baseline = prefix + "_baseline";
        }
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int c = 0; c < result.columns().size(); c++) {
            index.put(result.columns().get(c).name(), c);
        }
        List<String> needed = List.of(axisColumn, valueColumn, flag, score, baseline);
        if (!index.keySet().containsAll(needed)) {
            return null;
        }
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < result.columns().size() - ADDED_COLUMNS; c++) {
            if (result.columns().get(c).type() != dev.trawl.kql.types.ScalarType.DYNAMIC) {
                labels.add(c);
            }
        }
        return new Layout(index.get(axisColumn), index.get(valueColumn), index.get(flag), index.get(score),
                index.get(baseline), labels);
    }

    /** The query text that ends with the series and their decomposition, plus the threshold as a column. */
    static Optional<String> seriesQuery(SourceText query) {
        ParseResult parsed = Parser.parse(query);
        Optional<Expression.Call> call = callWithThreshold(parsed);
        if (call.isEmpty()) {
            return Optional.empty();
        }
        Expression.Positional threshold = (Expression.Positional) call.get().arguments().get(1);
        Expression.Pipe extend = null;
        for (SyntaxNode node : SyntaxTrees.descendants(parsed.script())) {
            if (node instanceof Expression.Pipe pipe && pipe.operator() instanceof TabularOperator.Extend
                    && contains(pipe.operator().span(), call.get().span())) {
                extend = pipe;
            }
        }
        if (extend == null) {
            return Optional.empty();
        }
        String text = query.text();
        StringBuilder out = new StringBuilder(text.substring(0, extend.span().end()));
        out.append("\n| extend ").append(THRESHOLD_COLUMN).append(" = todouble(")
                .append(text, threshold.span().start(), threshold.span().end()).append("), ")
                .append(TEST_POINTS_COLUMN).append(" = toint(").append(argument(text, call.get(), 4, "0")).append("), ")
                .append(METHOD_COLUMN).append(" = tostring(").append(argument(text, call.get(), 5, "'ctukey'")).append(')');
        for (Statement statement : parsed.script().statements()) {
            if (statement instanceof Statement.Let let && contains(let.span(), extend.span())) {
                out.append(";\n").append(let.name().name());
            }
        }
        return Optional.of(out.toString());
    }

    /** The text of the call's positional argument {@code index}, or {@code otherwise} when the call leaves it out. */
    private static String argument(String text, Expression.Call call, int index, String otherwise) {
        if (call.arguments().size() > index && call.arguments().get(index) instanceof Expression.Positional p) {
            return text.substring(p.span().start(), p.span().end());
        }
        return otherwise;
    }

    /** The query's first {@code series_decompose_anomalies} call, when the query parses and the call has a positional threshold. */
    private static Optional<Expression.Call> callWithThreshold(ParseResult parsed) {
        if (!parsed.ok()) {
            return Optional.empty();
        }
        return firstCall(parsed).filter(call -> call.arguments().size() >= 2
                && call.arguments().get(1) instanceof Expression.Positional);
    }

    private static Optional<Expression.Call> firstCall(ParseResult parsed) {
        for (SyntaxNode node : SyntaxTrees.descendants(parsed.script())) {
            if (node instanceof Expression.Call call && call.function() instanceof Expression.Name name
                    && name.identifier().name().equals(FUNCTION)) {
                return Optional.of(call);
            }
        }
        return Optional.empty();
    }

    private static Parts.NamedExpression assignment(ParseResult parsed, Expression.Call call) {
        for (SyntaxNode node : SyntaxTrees.descendants(parsed.script())) {
            if (node instanceof Parts.NamedExpression named && named.value() == call) {
                return named;
            }
        }
        return null;
    }

    private static boolean contains(Span outer, Span inner) {
        return outer.start() <= inner.start() && inner.end() <= outer.end();
    }

    private static double[] doubles(Object cell) {
        if (!(cell instanceof List<?> list)) {
            return new double[0];
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }
}
