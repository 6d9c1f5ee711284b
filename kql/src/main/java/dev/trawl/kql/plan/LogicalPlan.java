package dev.trawl.kql.plan;

import dev.trawl.kql.functions.FunctionSpec;
import dev.trawl.kql.types.ScalarType;
import java.util.List;
import java.util.Objects;

/**
 * Relational operators with an output schema on every node. The optimizer and every backend read only
 * this tree: names are resolved and expressions typed before a plan exists.
 */
public sealed interface LogicalPlan {
    Schema schema();

    List<LogicalPlan> inputs();

    /** A named expression: an output column and how to compute it. */
    record Output(String name, BoundExpression expression) {
        public Output {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(expression, "expression");
        }
    }

    /** An aggregate call in summarize: count(), sum(x), arg_max(...) parts are expanded by the binder. */
    record AggregateCall(String name, FunctionSpec function, List<BoundExpression> arguments, ScalarType type) {
        public AggregateCall {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(function, "function");
            arguments = List.copyOf(arguments);
            Objects.requireNonNull(type, "type");
        }
    }

    /** A sort key; Kusto sorts descending by default, nulls last when descending and first when ascending. */
    record SortKey(BoundExpression expression, boolean descending, boolean nullsFirst) {
        public SortKey {
            Objects.requireNonNull(expression, "expression");
        }
    }

    enum JoinKind {
        INNERUNIQUE, INNER, LEFTOUTER, RIGHTOUTER, FULLOUTER, LEFTSEMI, RIGHTSEMI, LEFTANTI, RIGHTANTI
    }

    /** Literal rows: datatable, and the single empty row print evaluates over. */
    record Values(Schema schema, List<Object[]> rows) implements LogicalPlan {
        public Values {
            Objects.requireNonNull(schema, "schema");
            rows = List.copyOf(rows);
        }

        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    /** {@code range column from a to b step s}: the stop is inclusive. */
    record Range(Schema schema, BoundExpression from, BoundExpression to, BoundExpression step) implements LogicalPlan {
        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    /** A table from the catalog (a file, the store). */
    record TableScan(String table, Schema schema) implements LogicalPlan {
        public List<LogicalPlan> inputs() {
            return List.of();
        }
    }

    record Filter(LogicalPlan input, BoundExpression predicate) implements LogicalPlan {
        public Schema schema() {
            return input.schema();
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** Computes the output columns from the input's: extend, project and the project-* family. */
    record Project(LogicalPlan input, List<Output> outputs, Schema schema) implements LogicalPlan {
        public Project {
            outputs = List.copyOf(outputs);
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** summarize: group columns first, then aggregates. With no groups it yields exactly one row. */
    record Aggregate(LogicalPlan input, List<Output> groups, List<AggregateCall> aggregates, Schema schema)
            implements LogicalPlan {
        public Aggregate {
            groups = List.copyOf(groups);
            aggregates = List.copyOf(aggregates);
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    record Sort(LogicalPlan input, List<SortKey> keys) implements LogicalPlan {
        public Sort {
            keys = List.copyOf(keys);
        }

        public Schema schema() {
            return input.schema();
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    record Limit(LogicalPlan input, long count) implements LogicalPlan {
        public Schema schema() {
            return input.schema();
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** Equality join on key columns of each side; the schema renames right columns that clash (x → x1). */
    record Join(LogicalPlan left, LogicalPlan right, JoinKind kind, List<Integer> leftKeys, List<Integer> rightKeys,
                Schema schema) implements LogicalPlan {
        public Join {
            leftKeys = List.copyOf(leftKeys);
            rightKeys = List.copyOf(rightKeys);
        }

        public List<LogicalPlan> inputs() {
            return List.of(left, right);
        }
    }

    /**
     * union: {@code columnMaps.get(i)[c]} is the column of input i that fills output column c, or -1
     * (null there). A name with several types across inputs is one column per type (x_long, x_int).
     */
    record Union(List<LogicalPlan> inputs, String sourceColumn, List<String> sourceNames, List<int[]> columnMaps,
                 Schema schema) implements LogicalPlan {
        public Union {
            inputs = List.copyOf(inputs);
            sourceNames = List.copyOf(sourceNames);
            columnMaps = List.copyOf(columnMaps);
        }
    }

    /** One expanded column of mv-expand: the input column it replaces (or -1 for a new one) and its type. */
    record ExpandItem(String name, BoundExpression source, int replaces, ScalarType type) {
    }

    /** mv-expand: one row per element, several items expanded in parallel (padded with null). */
    record MvExpand(LogicalPlan input, List<ExpandItem> items, boolean bagAsArray, String itemIndex, long limit,
                    Schema schema) implements LogicalPlan {
        public MvExpand {
            items = List.copyOf(items);
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * parse / parse-where: a regular expression in RE2 syntax (the engine translates it, as every KQL regex),
     * matched at the start of the source text; column {@code i}'s text is the group named
     * {@link #columnGroup columnGroup(i)}, so groups of a kind=regex pattern's own do not shift the columns.
     * Unmatched rows keep empty/null columns, or are dropped for parse-where.
     */
    record Parse(LogicalPlan input, BoundExpression source, String regex, List<Schema.Field> columns,
                 boolean dropUnmatched, boolean relaxed, Schema schema) implements LogicalPlan {
        public Parse {
            columns = List.copyOf(columns);
        }

        /** The name of the regex group that holds column {@code i}. */
        public static String columnGroup(int i) {
            return "parse_column_" + i;
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * mv-apply: for each input row, the expanded items form a small table (the row repeated) that the
     * sub-plan reads through the {@link TableScan} named {@code contextTable}; the results are concatenated.
     */
    record MvApply(LogicalPlan input, MvExpand expansion, String contextTable, LogicalPlan subquery, Schema schema)
            implements LogicalPlan {
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * evaluate bag_unpack(column [, prefix]): each property of the bag becomes a column. {@code bagKeys}
     * parallels the schema: the bag property a column reads, or null for an input column kept by name.
     */
    record BagUnpack(LogicalPlan input, int column, List<String> bagKeys, Schema schema) implements LogicalPlan {
        public BagUnpack {
            bagKeys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(bagKeys));
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * evaluate pivot(column [, aggregate [, by...]]) (docs: pivot-plugin.md): one row per distinct value of
     * the {@code groups} columns (in order of first appearance), then one column per value of the pivot
     * column, named by the value's text: the aggregate over the group's rows with that value, or over no rows
     * where there are none (so count() gives 0). {@code values} are those names, in schema order after the
     * groups; rows whose value is not among them are left out (an output schema may name fewer). Bound
     * without the data, {@code values} is empty and the schema open.
     */
    record Pivot(LogicalPlan input, int column, AggregateCall aggregate, List<Integer> groups, List<String> values,
                 Schema schema) implements LogicalPlan {
        public Pivot {
            Objects.requireNonNull(aggregate, "aggregate");
            groups = List.copyOf(groups);
            values = List.copyOf(values);
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * invoke FileProfile(idColumn, limit): Microsoft Defender's enrichment of files (docs: Defender XDR,
     * advanced-hunting-fileprofile-function.md). The schema is the input's columns and then the profile
     * columns the input does not have. The profiles come from Defender's file-reputation service, which
     * Trawl cannot reach: over no rows the result is empty, otherwise running it is an error.
     */
    record FileProfile(LogicalPlan input, int idColumn, long limit, Schema schema) implements LogicalPlan {
        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * make-series: per group, one array per aggregation over bins of the axis (semantics.md §2), plus
     * the axis array of bin starts. Output columns: the groups, the aggregations, then the axis.
     * {@code from}/{@code to} may be null (derived per series from the data); {@code defaults} holds each
     * aggregation's value for empty bins.
     */
    record MakeSeries(LogicalPlan input, List<Output> groups, List<AggregateCall> aggregates, List<Object> defaults,
                      BoundExpression axis, String axisName, BoundExpression from, BoundExpression to,
                      BoundExpression step, boolean inRange, boolean nonEmpty, Schema schema) implements LogicalPlan {
        public MakeSeries {
            groups = List.copyOf(groups);
            aggregates = List.copyOf(aggregates);
            defaults = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(defaults));
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /**
     * parse-kv: the values of {@code keys} from key/value text. With a pair and a key/value delimiter the
     * text is split on them (quotes and escapes honoured; {@code greedy} lets a value run to the next
     * key); with {@code regex} each match's two groups are a key and a value; with neither each key is
     * looked for in the text, followed by ':' or '='.
     */
    record ParseKv(LogicalPlan input, BoundExpression source, List<Schema.Field> keys, String pairDelimiter,
                   String kvDelimiter, String quote, String escape, boolean greedy, String regex, Schema schema)
            implements LogicalPlan {
        public ParseKv {
            keys = List.copyOf(keys);
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** One step of scan: its condition and assignments, over the scan row schema (see {@link Scan}). */
    record ScanStep(String name, String output, BoundExpression condition, List<Integer> assigned,
                    List<BoundExpression> assignments) {
        public ScanStep {
            assigned = List.copyOf(assigned);
            assignments = List.copyOf(assignments);
        }
    }

    /**
     * scan (docs: scan-operator.md): steps matched last to first against each row and the steps' states.
     * Conditions and assignments read the scan row schema: the input columns, the declared columns, then
     * for every step j and every such column c a column named {@code j.c} holding the state's value.
     */
    record Scan(LogicalPlan input, List<Schema.Field> declared, List<Object> defaults, List<ScanStep> steps,
                String matchIdColumn, Schema rowSchema, Schema schema) implements LogicalPlan {
        public Scan {
            declared = List.copyOf(declared);
            defaults = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(defaults));
            steps = List.copyOf(steps);
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** partition by column (subquery): the sub-plan runs once per distinct key over that key's rows. */
    record Partition(LogicalPlan input, int column, String contextTable, LogicalPlan subquery) implements LogicalPlan {
        public Schema schema() {
            return subquery.schema();
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** One level of top-nested: how many groups (-1: all), the grouping, the others value, the ranking aggregate. */
    record TopNestedLevel(long count, Output of, Object others, boolean hasOthers, AggregateCall by, boolean descending) {
    }

    /** top-nested: groups ranked by an aggregate, level within level; one row per path through the levels. */
    record TopNested(LogicalPlan input, List<TopNestedLevel> levels, Schema schema) implements LogicalPlan {
        public TopNested {
            levels = List.copyOf(levels);
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** sample: {@code count} rows chosen at random (uniformly, without replacement). */
    record Sample(LogicalPlan input, long count) implements LogicalPlan {
        public Schema schema() {
            return input.schema();
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }

    /** Adds a row-number-like serial order marker: row_number(), prev(), next() are valid above it. */
    record Serialize(LogicalPlan input) implements LogicalPlan {
        public Schema schema() {
            return input.schema();
        }

        public List<LogicalPlan> inputs() {
            return List.of(input);
        }
    }
}
