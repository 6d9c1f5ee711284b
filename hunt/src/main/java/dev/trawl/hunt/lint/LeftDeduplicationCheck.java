package dev.trawl.hunt.lint;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.Script;
import dev.trawl.kql.syntax.ast.TabularOperator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * KQL5004: a join of kind innerunique (Kusto's default when no kind is written) whose left side may have
 * several rows with one key. Kusto keeps one arbitrary left row per key before matching, so the others
 * vanish without a trace. Quiet when the left side is provably unique on the keys: it ends in a summarize
 * or distinct by them, a make-series (expanded over its axis), take 1 and the like, or it keeps only key
 * columns (then the rows dropped are copies of the one kept).
 */
final class LeftDeduplicationCheck {
    private static final int MAX_DEPTH = 64;

    private enum Uniqueness {
        UNIQUE, MAY_REPEAT, UNKNOWN
    }

    void run(Script script, List<Diagnostic> out) {
        SyntaxWalk.eachWithLets(script, (node, lets) -> {
            if (node instanceof Expression.Pipe pipe && pipe.operator() instanceof TabularOperator.Join join) {
                check(pipe.source(), join, lets, out);
            }
        });
    }

    private void check(Expression left, TabularOperator.Join join, Lets lets, List<Diagnostic> out) {
        String kind = Operators.parameter(join.parameters(), "kind");
        if (kind != null && !kind.equals("innerunique")) {
            return;
        }
        List<JoinKeys.Key> keys = JoinKeys.of(join);
        if (keys == null) {
            return;
        }
        Set<String> leftKeys = new HashSet<>();
        for (JoinKeys.Key key : keys) {
            if (key.left() == null) {
                return;
            }
            leftKeys.add(key.left());
        }
        if (uniqueness(left, leftKeys, null, lets, 0) != Uniqueness.MAY_REPEAT) {
            return;
        }
        String keyList = String.join(", ", keys.stream().map(JoinKeys.Key::left).distinct().toList());
        String written = kind == null ? "join without a kind is innerunique" : "join kind=innerunique";
        Span at = new Span(join.span().start(), Math.min(join.span().end(), join.span().start() + "join".length()));
        out.add(new Diagnostic(DiagnosticCode.LEFT_SIDE_DEDUPLICATED.code(), Severity.WARNING, at,
                written + ": Kusto keeps one left row per " + keyList + " and silently drops the others, and "
                        + "this left side can have several rows per " + keyList,
                List.of(), "write 'join kind=inner' if every left row should match, or dedupe the left side "
                        + "explicitly (summarize ... by " + keyList + ", or distinct " + keyList + ")"));
    }

    /**
     * Whether the rows of {@code tabular} are unique on {@code keys}, walking back from its end.
     * {@code expandedAxis} is the column an mv-expand on the way expanded, when a make-series further back
     * could make it unique.
     */
    private Uniqueness uniqueness(Expression tabular, Set<String> keys, String expandedAxis, Lets lets, int depth) {
        if (depth > MAX_DEPTH) {
            return Uniqueness.UNKNOWN;
        }
        Pipeline pipeline = Pipeline.of(tabular);
        Set<String> current = new HashSet<>(keys);
        String axis = expandedAxis;
        List<TabularOperator> operators = pipeline.operators();
        for (int i = operators.size() - 1; i >= 0; i--) {
            TabularOperator operator = operators.get(i);
            if (Operators.atMostOneRow(operator)) {
                return Uniqueness.UNIQUE;
            }
            if (Operators.keepsRowsAndValues(operator)) {
                continue;
            }
            switch (operator) {
                case TabularOperator.Count count -> {
                    return Uniqueness.UNIQUE;
                }
                case TabularOperator.Summarize summarize -> {
                    return axis == null && current.containsAll(names(summarize.by()))
                            ? Uniqueness.UNIQUE : Uniqueness.MAY_REPEAT;
                }
                case TabularOperator.Distinct distinct -> {
                    boolean star = distinct.columns().stream().anyMatch(c -> c.value() instanceof Expression.Star);
                    return axis == null && !star && current.containsAll(names(distinct.columns()))
                            ? Uniqueness.UNIQUE : Uniqueness.MAY_REPEAT;
                }
                case TabularOperator.MakeSeries series -> {
                    // One row per by group; expanded, one row per group and bin.
                    Set<String> by = names(series.by());
                    boolean axisMatches = axis == null || axis.equals(Pipeline.implicitName(series.axis()));
                    return axisMatches && current.containsAll(by) ? Uniqueness.UNIQUE : Uniqueness.MAY_REPEAT;
                }
                case TabularOperator.MvExpand expand -> {
                    if (axis != null) {
                        return Uniqueness.MAY_REPEAT;
                    }
                    String expandedKey = null;
                    for (Parts.MvExpandItem item : expand.items()) {
                        for (String name : Pipeline.outputNames(item.value())) {
                            if (current.contains(name) && Pipeline.columnName(item.value().value()) != null) {
                                expandedKey = name;
                                axis = Pipeline.columnName(item.value().value());
                            }
                        }
                    }
                    if (expandedKey == null) {
                        return Uniqueness.MAY_REPEAT;
                    }
                    current.remove(expandedKey);
                }
                case TabularOperator.Project project -> {
                    if (axis == null && current.containsAll(names(project.columns()))) {
                        return Uniqueness.UNIQUE; // only key columns: a dropped row equals the kept one
                    }
                    Set<String> before = new HashSet<>();
                    for (String key : current) {
                        Pipeline.Produced produced = Pipeline.Produced.by(project.columns(), key);
                        if (!produced.found() || produced.from() == null) {
                            return Uniqueness.MAY_REPEAT;
                        }
                        before.add(produced.from());
                    }
                    if (axis != null) {
                        Pipeline.Produced produced = Pipeline.Produced.by(project.columns(), axis);
                        if (!produced.found() || produced.from() == null) {
                            return Uniqueness.MAY_REPEAT;
                        }
                        axis = produced.from();
                    }
                    current = before;
                }
                case TabularOperator.Extend extend -> {
                    // A key computed here (bin(Timestamp, 1h)) can merge rows that were unique before.
                    Set<String> before = new HashSet<>();
                    for (String key : current) {
                        Pipeline.Produced produced = Pipeline.Produced.by(extend.columns(), key);
                        if (produced.found() && produced.from() == null) {
                            return Uniqueness.MAY_REPEAT;
                        }
                        before.add(produced.found() ? produced.from() : key);
                    }
                    if (axis != null) {
                        Pipeline.Produced produced = Pipeline.Produced.by(extend.columns(), axis);
                        if (produced.found() && produced.from() == null) {
                            return Uniqueness.MAY_REPEAT;
                        }
                        axis = produced.found() ? produced.from() : axis;
                    }
                    current = before;
                }
                case TabularOperator.ProjectRename rename -> {
                    Set<String> before = new HashSet<>();
                    for (String key : current) {
                        before.add(renamedFrom(rename, key));
                    }
                    if (axis != null) {
                        axis = renamedFrom(rename, axis);
                    }
                    current = before;
                }
                // Output the engine computes from data or a function: nothing can be said.
                case TabularOperator.Evaluate evaluate -> {
                    return Uniqueness.UNKNOWN;
                }
                case TabularOperator.Invoke invoke -> {
                    return Uniqueness.UNKNOWN;
                }
                default -> {
                    return Uniqueness.MAY_REPEAT;
                }
            }
        }
        return switch (Pipeline.resolve(pipeline.source(), lets)) {
            case Pipeline.LetValue let -> uniqueness(let.value(), current, axis, let.scope(), depth + 1);
            case Pipeline.Table table -> Uniqueness.MAY_REPEAT;
            case Pipeline.Opaque opaque -> pipeline.source() instanceof Expression.Source start
                    ? sourceUniqueness(start.operator(), current, axis) : Uniqueness.UNKNOWN;
        };
    }

    /** {@code print} makes one row; {@code range x ...} one row per distinct x; a datatable may repeat. */
    private static Uniqueness sourceUniqueness(TabularOperator operator, Set<String> keys, String axis) {
        if (axis != null) {
            return Uniqueness.MAY_REPEAT;
        }
        return switch (operator) {
            case TabularOperator.Print print -> Uniqueness.UNIQUE;
            case TabularOperator.Range range -> keys.contains(range.column().name())
                    ? Uniqueness.UNIQUE : Uniqueness.MAY_REPEAT;
            case TabularOperator.Datatable datatable -> Uniqueness.MAY_REPEAT;
            default -> Uniqueness.UNKNOWN;
        };
    }

    private static String renamedFrom(TabularOperator.ProjectRename rename, String column) {
        for (Parts.Rename item : rename.renames()) {
            if (item.newName().name().equals(column)) {
                return item.oldName().name();
            }
        }
        return column;
    }

    private static Set<String> names(List<Parts.NamedExpression> items) {
        Set<String> names = new HashSet<>();
        for (Parts.NamedExpression item : items) {
            List<String> output = Pipeline.outputNames(item);
            if (output.isEmpty()) {
                names.add("\0unnamed"); // a column no key can name: never a subset of the keys
            }
            names.addAll(output);
        }
        return names;
    }
}
