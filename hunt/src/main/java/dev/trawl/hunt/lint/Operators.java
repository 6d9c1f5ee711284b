package dev.trawl.hunt.lint;

import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.TabularOperator;
import java.util.List;

/** What the checks need to know of every tabular operator, in one exhaustive switch. */
final class Operators {
    private Operators() {
    }

    /**
     * True for an operator whose output rows are some of its input rows, each remaining column unchanged:
     * filters, sorts, limits, and column removal. Such an operator neither makes a column nor repeats a row,
     * so a column's origin and a key's uniqueness pass through it. Every other operator is for the checks to
     * reason about, or to stop at. (Written without {@code default}, so a new operator must be placed here.)
     */
    static boolean keepsRowsAndValues(TabularOperator operator) {
        return switch (operator) {
            case TabularOperator.Where where -> true;
            case TabularOperator.Sort sort -> true;
            case TabularOperator.Top top -> true;
            case TabularOperator.Take take -> true;
            case TabularOperator.Sample sample -> true;
            case TabularOperator.As as -> true;
            case TabularOperator.Render render -> true;
            case TabularOperator.ProjectAway away -> true;
            case TabularOperator.ProjectKeep keep -> true;
            case TabularOperator.ProjectReorder reorder -> true;
            case TabularOperator.Serialize serialize -> serialize.columns().isEmpty();
            case TabularOperator.Extend extend -> false;
            case TabularOperator.Project project -> false;
            case TabularOperator.ProjectRename rename -> false;
            case TabularOperator.ProjectByNames byNames -> false;
            case TabularOperator.Summarize summarize -> false;
            case TabularOperator.MakeSeries series -> false;
            case TabularOperator.MvExpand expand -> false;
            case TabularOperator.MvApply apply -> false;
            case TabularOperator.Join join -> false;
            case TabularOperator.Lookup lookup -> false;
            case TabularOperator.Union union -> false;
            case TabularOperator.TopNested nested -> false;
            case TabularOperator.TopHitters hitters -> false;
            case TabularOperator.Distinct distinct -> false;
            case TabularOperator.Count count -> false;
            case TabularOperator.Parse parse -> false;
            case TabularOperator.ParseKv parseKv -> false;
            case TabularOperator.Evaluate evaluate -> false;
            case TabularOperator.Invoke invoke -> false;
            case TabularOperator.Range range -> false;
            case TabularOperator.Print print -> false;
            case TabularOperator.Datatable datatable -> false;
            case TabularOperator.ExternalData externalData -> false;
            case TabularOperator.Search search -> false;
            case TabularOperator.Find find -> false;
            case TabularOperator.SampleDistinct sampleDistinct -> false;
            case TabularOperator.Scan scan -> false;
            case TabularOperator.Partition partition -> false;
            case TabularOperator.Fork fork -> false;
            case TabularOperator.Facet facet -> false;
            case TabularOperator.GetSchema getSchema -> false;
            case TabularOperator.Consume consume -> false;
            case TabularOperator.Reduce reduce -> false;
            case TabularOperator.Error error -> false;
        };
    }

    /** {@code take 1}, {@code limit 1}, {@code top 1 by ...}: at most one row. */
    static boolean atMostOneRow(TabularOperator operator) {
        Expression count = switch (operator) {
            case TabularOperator.Take take -> take.count();
            case TabularOperator.Top top -> top.count();
            default -> null;
        };
        return count instanceof Expression.Literal literal && literal.text().equals("1");
    }

    /** The written value of an operator option such as {@code kind=inner}, or null when it is not written. */
    static String parameter(List<Parts.OperatorParameter> parameters, String name) {
        for (Parts.OperatorParameter parameter : parameters) {
            if (parameter.name().name().equals(name)) {
                return switch (parameter.value()) {
                    case Expression.Name value -> value.identifier().name();
                    case Expression.StringLiteral value -> value.value();
                    default -> "";
                };
            }
        }
        return null;
    }
}
