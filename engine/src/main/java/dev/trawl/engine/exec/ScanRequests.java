package dev.trawl.engine.exec;

import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.plan.LogicalPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each table scan of a plan must deliver, so a source that stores columns separately (the Parquet store)
 * reads only those, and skips partitions the filters right above the scan exclude. Computed once per query,
 * before execution, keyed by the scan node itself.
 *
 * <p>Columns are tracked precisely through where, extend/project, summarize, make-series, sort and take; any
 * other operator is taken to need every column of its input. That is conservative — never wrong, at worst it
 * reads more — so a new operator needs no change here to stay correct.
 */
public final class ScanRequests {
    /**
     * One scan's needs: {@code columns[i]} whether column i is read at all, and the predicates of the filters
     * directly above the scan (a source may drop rows they reject; the executor still applies them).
     */
    public record Request(boolean[] columns, List<BoundExpression> predicates) {
    }

    private final Map<LogicalPlan.TableScan, Request> requests = new IdentityHashMap<>();

    private ScanRequests() {
    }

    public static ScanRequests of(LogicalPlan root) {
        ScanRequests requests = new ScanRequests();
        requests.need(root, all(root), List.of());
        return requests;
    }

    /** The request for this scan node, or null when the plan did not contain it (read everything). */
    public Request request(LogicalPlan.TableScan scan) {
        return requests.get(scan);
    }

    private static boolean[] all(LogicalPlan plan) {
        boolean[] columns = new boolean[plan.schema().size()];
        Arrays.fill(columns, true);
        return columns;
    }

    /** Records that {@code plan}'s output columns flagged in {@code needed} are read, under these filters. */
    private void need(LogicalPlan plan, boolean[] needed, List<BoundExpression> filters) {
        switch (plan) {
            case LogicalPlan.TableScan scan -> {
                Request previous = requests.get(scan);
                if (previous != null) {
                    // The same node reached twice (a shared let): the union of columns, and no filter pushdown.
                    boolean[] union = previous.columns().clone();
                    for (int i = 0; i < union.length; i++) {
                        union[i] |= needed[i];
                    }
                    requests.put(scan, new Request(union, List.of()));
                } else {
                    requests.put(scan, new Request(needed.clone(), List.copyOf(filters)));
                }
            }
            case LogicalPlan.Filter filter -> {
                boolean[] input = needed.clone();
                references(filter.predicate(), input);
                List<BoundExpression> above = new ArrayList<>(filters);
                above.add(filter.predicate());
                need(filter.input(), input, above);
            }
            case LogicalPlan.Project project -> {
                boolean[] input = new boolean[project.input().schema().size()];
                for (int i = 0; i < project.outputs().size(); i++) {
                    if (i < needed.length && needed[i]) {
                        references(project.outputs().get(i).expression(), input);
                    }
                }
                need(project.input(), input, List.of());
            }
            case LogicalPlan.Aggregate aggregate -> {
                boolean[] input = new boolean[aggregate.input().schema().size()];
                aggregate.groups().forEach(g -> references(g.expression(), input));
                aggregate.aggregates().forEach(a -> a.arguments().forEach(e -> references(e, input)));
                need(aggregate.input(), input, List.of());
            }
            case LogicalPlan.MakeSeries series -> {
                boolean[] input = new boolean[series.input().schema().size()];
                series.groups().forEach(g -> references(g.expression(), input));
                series.aggregates().forEach(a -> a.arguments().forEach(e -> references(e, input)));
                references(series.axis(), input);
                references(series.from(), input);
                references(series.to(), input);
                references(series.step(), input);
                need(series.input(), input, List.of());
            }
            case LogicalPlan.Sort sort -> {
                boolean[] input = needed.clone();
                sort.keys().forEach(k -> references(k.expression(), input));
                need(sort.input(), input, List.of());
            }
            case LogicalPlan.Limit limit -> need(limit.input(), needed, List.of());
            default -> {
                // Scalar subqueries inside such operators' expressions stay out of the map: read everything.
                for (LogicalPlan input : plan.inputs()) {
                    need(input, all(input), List.of());
                }
            }
        }
    }

    /** Flags in {@code columns} the columns of its input that a standalone expression reads. */
    static void markColumns(BoundExpression expression, boolean[] columns) {
        new ScanRequests().references(expression, columns);
    }

    /** Flags the input columns an expression reads; scalar subqueries inside it are plans of their own. */
    private void references(BoundExpression expression, boolean[] columns) {
        if (expression == null) {
            return;
        }
        switch (expression) {
            case BoundExpression.ColumnRef ref -> {
                if (ref.index() >= 0 && ref.index() < columns.length) {
                    columns[ref.index()] = true;
                }
            }
            case BoundExpression.Call call -> {
                if (call.function().name().equals("pack_all")) {
                    Arrays.fill(columns, true);
                }
                call.arguments().forEach(a -> references(a, columns));
            }
            case BoundExpression.ScalarSubquery subquery -> need(subquery.plan(), all(subquery.plan()), List.of());
            case BoundExpression.Constant constant -> {
            }
        }
    }
}
