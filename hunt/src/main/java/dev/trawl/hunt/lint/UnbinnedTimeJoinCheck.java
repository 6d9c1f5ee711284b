package dev.trawl.hunt.lint;

import dev.trawl.kql.bind.TableCatalog;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.SourceText;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.Script;
import dev.trawl.kql.syntax.ast.TabularOperator;
import dev.trawl.kql.types.ScalarType;
import java.util.List;

/**
 * KQL5001: a join of a make-series time axis (expanded by mv-expand, so each value is a bin start) with a
 * raw event time. Only events stamped exactly at a bin start match, so nearly every event is lost; the
 * raw side must be binned with the series' step first.
 */
final class UnbinnedTimeJoinCheck {
    /** Lets inside lets inside lets: a bound that real queries never reach, against a pathological text. */
    private static final int MAX_DEPTH = 64;

    private final SourceText source;
    private final TableCatalog tables;

    UnbinnedTimeJoinCheck(SourceText source, TableCatalog tables) {
        this.source = source;
        this.tables = tables;
    }

    /** Where a join key's values come from. */
    private sealed interface Time {
    }

    /** The axis of {@code series}, expanded into one row per bin. */
    private record SeriesAxis(TabularOperator.MakeSeries series, Lets lets) implements Time {
    }

    /** A datetime column read straight from a table, at event precision. */
    private record RawTime(String table, String column) implements Time {
    }

    private record Unknown() implements Time {
    }

    void run(Script script, List<Diagnostic> out) {
        SyntaxWalk.eachWithLets(script, (node, lets) -> {
            if (node instanceof Expression.Pipe pipe && pipe.operator() instanceof TabularOperator.Join join) {
                check(pipe.source(), join, lets, out);
            }
        });
    }

    private void check(Expression left, TabularOperator.Join join, Lets lets, List<Diagnostic> out) {
        List<JoinKeys.Key> keys = JoinKeys.of(join);
        if (keys == null) {
            return;
        }
        for (JoinKeys.Key key : keys) {
            if (key.left() == null || key.right() == null) {
                continue;
            }
            Time leftTime = trace(left, key.left(), false, lets, 0);
            Time rightTime = trace(join.right(), key.right(), false, lets, 0);
            if (leftTime instanceof SeriesAxis axis && rightTime instanceof RawTime raw) {
                out.add(finding(key, axis, raw, "left", "right"));
            } else if (rightTime instanceof SeriesAxis axis && leftTime instanceof RawTime raw) {
                out.add(finding(key, axis, raw, "right", "left"));
            }
        }
    }

    private Diagnostic finding(JoinKeys.Key key, SeriesAxis axis, RawTime raw, String axisSide, String rawSide) {
        String step = source.slice(axis.series().step().span());
        String stepValue = letLiteral(axis.series().step(), axis.lets());
        String stepShown = stepValue == null ? step : step + " = " + stepValue;
        String axisColumn = axisSide.equals("left") ? key.left() : key.right();
        String binned = raw.column() + "Bin";
        String message = "join matches the make-series time axis '" + axisColumn + "' on the " + axisSide
                + " (bin starts, step " + stepShown + ") with the raw, unbinned '" + raw.column() + "' of "
                + raw.table() + " on the " + rawSide + ": only events at exactly a bin start match";
        String condition = axisSide.equals("left")
                ? "$left." + axisColumn + " == $right." + binned
                : "$left." + binned + " == $right." + axisColumn;
        String help = "join on bin(" + raw.column() + ", " + step + "): add '| extend " + binned + " = bin("
                + raw.column() + ", " + step + ")' to the " + rawSide + " side and join on " + condition;
        return new Diagnostic(DiagnosticCode.JOIN_ON_UNBINNED_TIME.code(), Severity.WARNING, key.span(), message,
                List.of(), help);
    }

    /** The literal a step such as {@code timeframe} names through a {@code let timeframe = 1h}, else null. */
    private String letLiteral(Expression step, Lets lets) {
        if (step instanceof Expression.Name name) {
            Lets.Binding binding = lets.get(name.identifier().name());
            if (binding != null && binding.value() instanceof Expression.Literal literal) {
                return literal.text();
            }
        }
        return null;
    }

    /**
     * Follows {@code column} backwards from the end of {@code tabular} to where its values are made.
     * {@code expanded} says an mv-expand on the way turned an array column into one row per element.
     */
    private Time trace(Expression tabular, String column, boolean expanded, Lets lets, int depth) {
        if (depth > MAX_DEPTH) {
            return new Unknown();
        }
        Pipeline pipeline = Pipeline.of(tabular);
        String current = column;
        boolean isExpanded = expanded;
        List<TabularOperator> operators = pipeline.operators();
        for (int i = operators.size() - 1; i >= 0; i--) {
            TabularOperator operator = operators.get(i);
            if (Operators.keepsRowsAndValues(operator)) {
                continue;
            }
            switch (operator) {
                case TabularOperator.Project project -> {
                    Pipeline.Produced produced = Pipeline.Produced.by(project.columns(), current);
                    if (!produced.found() || produced.from() == null) {
                        return new Unknown();
                    }
                    current = produced.from();
                }
                case TabularOperator.Extend extend -> {
                    Pipeline.Produced produced = Pipeline.Produced.by(extend.columns(), current);
                    if (produced.found()) {
                        if (produced.from() == null) {
                            return new Unknown();
                        }
                        current = produced.from();
                    }
                }
                case TabularOperator.ProjectRename rename -> {
                    for (Parts.Rename item : rename.renames()) {
                        if (item.newName().name().equals(current)) {
                            current = item.oldName().name();
                            break;
                        }
                    }
                }
                case TabularOperator.Summarize summarize -> {
                    // Grouping by a column keeps its exact values; an aggregate makes new ones.
                    Pipeline.Produced produced = Pipeline.Produced.by(summarize.by(), current);
                    if (!produced.found() || produced.from() == null) {
                        return new Unknown();
                    }
                    current = produced.from();
                }
                case TabularOperator.Distinct distinct -> {
                    Pipeline.Produced produced = Pipeline.Produced.by(distinct.columns(), current);
                    if (produced.found() && produced.from() == null) {
                        return new Unknown();
                    }
                    if (produced.found()) {
                        current = produced.from();
                    }
                }
                case TabularOperator.MvExpand expand -> {
                    for (Parts.MvExpandItem item : expand.items()) {
                        if (Pipeline.outputNames(item.value()).contains(current)) {
                            String from = Pipeline.columnName(item.value().value());
                            if (from == null || isExpanded) {
                                return new Unknown();
                            }
                            current = from;
                            isExpanded = true;
                            break;
                        }
                    }
                }
                case TabularOperator.MakeSeries series -> {
                    // The axis column keeps the axis' name and holds the bin starts; every other column
                    // is an aggregate's array or a by key.
                    boolean axis = current.equals(Pipeline.implicitName(series.axis()));
                    return axis && isExpanded ? new SeriesAxis(series, lets) : new Unknown();
                }
                default -> {
                    return new Unknown();
                }
            }
        }
        return switch (Pipeline.resolve(pipeline.source(), lets)) {
            case Pipeline.LetValue let -> trace(let.value(), current, isExpanded, let.scope(), depth + 1);
            case Pipeline.Table table -> !isExpanded && isTimeColumn(table.name(), current)
                    ? new RawTime(table.name(), current) : new Unknown();
            case Pipeline.Opaque opaque -> new Unknown();
        };
    }

    /**
     * A table's datetime column. For a table Trawl has no schema for, only the two time columns every
     * Sentinel and Defender table has ({@code TimeGenerated}, {@code Timestamp}) are taken as event times.
     */
    private boolean isTimeColumn(String table, String column) {
        Schema schema = tables.schema(table);
        if (schema != null) {
            int index = schema.indexOf(column);
            return index >= 0 && schema.field(index).type() == ScalarType.DATETIME;
        }
        return column.equals("Timestamp") || column.equals("TimeGenerated");
    }
}
