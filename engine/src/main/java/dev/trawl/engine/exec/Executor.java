package dev.trawl.engine.exec;

import dev.trawl.engine.function.AggregateFunction;
import dev.trawl.engine.function.EvaluationContext;
import dev.trawl.engine.function.Values;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.BoolColumn;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.engine.vector.Columns;
import dev.trawl.engine.vector.DoubleColumn;
import dev.trawl.engine.vector.LongColumn;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a logical plan. Operators pass batches of at most {@link #BATCH_SIZE} rows; filters narrow a
 * batch's selection rather than copying it; aggregation, sorting and the build side of a join are the
 * points where rows are gathered.
 */
public final class Executor {
    public static final int BATCH_SIZE = 8192;

    private final TableData tables;
    private final Evaluator evaluator;

    /** Where table scans get their rows. */
    public interface TableData {
        Iterable<Batch> batches(String table);

        /**
         * The rows of one scan. {@code request} (null: no analysis, read everything) says which columns the
         * query reads and which filters sit right above the scan: a source may return nulls for unread columns
         * and leave out rows those filters reject, as the executor applies the filters anyway.
         */
        default Iterable<Batch> batches(LogicalPlan.TableScan scan, ScanRequests.Request request, Executor executor) {
            return batches(scan.table());
        }
    }

    private ScanRequests scanRequests;

    public Executor(TableData tables, EvaluationContext context) {
        this.tables = tables;
        this.evaluator = new Evaluator(context, this);
    }

    /** Runs a plan to completion. */
    public QueryResult run(LogicalPlan plan) {
        scanRequests = ScanRequests.of(plan);
        Iterable<Batch> batches = execute(plan);
        List<QueryResult.Column> columns = new ArrayList<>();
        for (Schema.Field field : plan.schema().fields()) {
            columns.add(new QueryResult.Column(field.name(), field.type()));
        }
        List<Object[]> rows = new ArrayList<>();
        for (Batch batch : batches) {
            for (int k = 0; k < batch.size(); k++) {
                int row = batch.row(k);
                Object[] values = new Object[columns.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = batch.columns()[c].get(row);
                }
                rows.add(values);
            }
        }
        return new QueryResult(columns, rows);
    }

    /** The value of an expression that reads no columns. */
    public Object evaluateConstant(BoundExpression expression) {
        return evaluator.evaluateConstant(expression);
    }

    /**
     * The plan's output as batches, computed as they are read where the operator allows (see {@link LazyBatches}):
     * read them once.
     */
    Iterable<Batch> execute(LogicalPlan plan) {
        return switch (plan) {
            case LogicalPlan.Values values -> values(values);
            case LogicalPlan.Range range -> range(range);
            case LogicalPlan.TableScan scan ->
                    tables.batches(scan, scanRequests == null ? null : scanRequests.request(scan), this);
            case LogicalPlan.Filter filter -> filter(filter);
            case LogicalPlan.Project project -> project(project);
            case LogicalPlan.Aggregate aggregate -> aggregate(aggregate);
            case LogicalPlan.Sort sort -> sort(sort);
            case LogicalPlan.Limit limit -> limit(limit);
            case LogicalPlan.Join join -> Joins.join(join, execute(join.left()), execute(join.right()));
            case LogicalPlan.Union union -> union(union);
            case LogicalPlan.MvExpand expand -> MvExpansion.expand(expand, execute(expand.input()), evaluator);
            case LogicalPlan.Serialize serialize -> List.of(concat(serialize.schema(), execute(serialize.input())));
            case LogicalPlan.Parse parse -> MoreOperators.parse(parse, execute(parse.input()), evaluator);
            case LogicalPlan.MakeSeries series -> SeriesMaker.make(series, execute(series.input()), evaluator);
            case LogicalPlan.Sample sample -> sample(sample);
            case LogicalPlan.Scan scan -> Scanner.scan(scan, execute(scan.input()), evaluator);
            case LogicalPlan.Partition partition -> partition(partition);
            case LogicalPlan.TopNested nested -> topNested(nested);
            case LogicalPlan.ParseKv parseKv -> KeyValues.parseKv(parseKv, execute(parseKv.input()), evaluator);
            case LogicalPlan.MvApply apply -> MoreOperators.mvApply(apply, execute(apply.input()), evaluator, tables);
            case LogicalPlan.BagUnpack unpack -> MoreOperators.bagUnpack(unpack, execute(unpack.input()));
            case LogicalPlan.Pivot pivot -> Pivots.pivot(pivot, LazyBatches.list(execute(pivot.input())), evaluator);
            case LogicalPlan.FileProfile profile -> fileProfile(profile);
        };
    }

    /**
     * FileProfile()'s columns come from Defender's file-reputation service: with files to enrich the query
     * fails, saying so, rather than return rows whose profile columns look like "no data" (null prevalence
     * would silently turn a filter such as GlobalPrevalence < 15 into no alerts).
     */
    private List<Batch> fileProfile(LogicalPlan.FileProfile profile) {
        for (Batch batch : execute(profile.input())) {
            if (batch.size() > 0) {
                throw new QueryException(List.of(Diagnostic.error(DiagnosticCode.RUNTIME_ERROR, new Span(0, 0),
                        "FileProfile() enriches files from Microsoft Defender's file profiles (prevalence, signer, "
                                + "threat name), which Trawl cannot reach: there are files to enrich, so the query cannot run")));
            }
        }
        return List.of();
    }

    /** Every aggregate call's argument columns over one batch: {@code [call][argument]}. */
    private Column[][] arguments(List<LogicalPlan.AggregateCall> calls, Batch batch) {
        Column[][] arguments = new Column[calls.size()][];
        for (int a = 0; a < calls.size(); a++) {
            List<BoundExpression> expressions = calls.get(a).arguments();
            arguments[a] = new Column[expressions.size()];
            for (int i = 0; i < expressions.size(); i++) {
                arguments[a][i] = evaluator.evaluate(expressions.get(i), batch);
            }
        }
        return arguments;
    }

    private List<Batch> values(LogicalPlan.Values values) {
        Schema schema = values.schema();
        ColumnBuilder[] builders = builders(schema, values.rows().size());
        for (Object[] row : values.rows()) {
            for (int c = 0; c < builders.length; c++) {
                builders[c].add(row[c]);
            }
        }
        return List.of(Batch.dense(build(builders), values.rows().size()));
    }

    private Iterable<Batch> range(LogicalPlan.Range range) {
        return LazyBatches.of(() -> rangeSource(range));
    }

    private LazyBatches.Source rangeSource(LogicalPlan.Range range) {
        Object from = evaluator.evaluateConstant(range.from());
        Object to = evaluator.evaluateConstant(range.to());
        Object step = evaluator.evaluateConstant(range.step());
        ScalarType type = range.schema().field(0).type();
        if (from == null || to == null || step == null) {
            return () -> null;
        }
        // Values are written straight into each batch's array: a range of millions of rows is a common way to
        // make test data, and a builder would box every value.
        if (type == ScalarType.REAL) {
            double start = ((Number) from).doubleValue();
            double stop = ((Number) to).doubleValue();
            double increment = ((Number) step).doubleValue();
            if (increment == 0) {
                return () -> null;
            }
            long[] index = {0};
            return () -> {
                double[] values = new double[BATCH_SIZE];
                int count = 0;
                while (count < BATCH_SIZE) {
                    double value = start + index[0] * increment;
                    if (increment > 0 ? value > stop : value < stop) {
                        break;
                    }
                    values[count++] = value;
                    index[0]++;
                }
                return count == 0 ? null : Batch.dense(new Column[] {new DoubleColumn(values, null, count)}, count);
            };
        }
        long start = ((Number) from).longValue();
        long stop = ((Number) to).longValue();
        long increment = ((Number) step).longValue();
        if (increment == 0) {
            return () -> null;
        }
        long[] next = {start};
        boolean[] done = {false};
        return () -> {
            long[] values = new long[BATCH_SIZE];
            int count = 0;
            while (count < BATCH_SIZE && !done[0]) {
                long value = next[0];
                if (increment > 0 ? value > stop : value < stop) {
                    done[0] = true;
                    break;
                }
                values[count++] = value;
                next[0] = value + increment;
                // Past the largest (or smallest) long the next value would wrap around and never end.
                done[0] = increment > 0 ? next[0] < value : next[0] > value;
            }
            return count == 0 ? null : Batch.dense(new Column[] {longs(type, values, count)}, count);
        };
    }

    /** Whole numbers as a column of {@code type}: a long column when the type is long-backed. */
    private static Column longs(ScalarType type, long[] values, int count) {
        if (isLongBacked(type)) {
            return new LongColumn(type, values, null, count);
        }
        ColumnBuilder builder = ColumnBuilder.of(type, count);
        for (int i = 0; i < count; i++) {
            builder.add(values[i]);
        }
        return builder.build();
    }

    private Iterable<Batch> filter(LogicalPlan.Filter filter) {
        return LazyBatches.map(execute(filter.input()), batch -> {
            Evaluator.Predicate truth = evaluator.evaluatePredicate(filter.predicate(), batch);
            Column result = truth.rows();
            int[] selection = new int[batch.size()];
            int count = 0;
            if (truth.entries() != null) {
                count = select(truth.entries(), truth.codes(), batch, selection);
            } else if (result instanceof BoolColumn predicate) {
                count = select(predicate, batch, selection);
            } else {
                // A constant predicate (where true) or one typed dynamic.
                for (int k = 0; k < batch.size(); k++) {
                    if (Boolean.TRUE.equals(result.get(k))) {
                        selection[count++] = batch.row(k);
                    }
                }
            }
            if (count == 0) {
                return null;
            }
            return new Batch(batch.columns(), count, count == batch.size() && batch.selection() == null ? null : selection);
        });
    }

    /**
     * The rows of {@code input} for which none of {@code predicates} is true (each false or null): what is left of
     * a table once rows are hidden from queries ({@link Engine#hideRows}).
     */
    Iterable<Batch> withoutRowsMatching(Iterable<Batch> input, List<BoundExpression> predicates) {
        return LazyBatches.map(input, batch -> {
            boolean[] hide = new boolean[batch.size()];
            for (BoundExpression predicate : predicates) {
                Evaluator.Predicate truth = evaluator.evaluatePredicate(predicate, batch);
                for (int k = 0; k < hide.length; k++) {
                    hide[k] |= truth.entries() != null ? truth.entries().isTrue(truth.codes()[k])
                            : Boolean.TRUE.equals(truth.rows().get(k));
                }
            }
            int[] selection = new int[batch.size()];
            int count = 0;
            for (int k = 0; k < hide.length; k++) {
                if (!hide[k]) {
                    selection[count++] = batch.row(k);
                }
            }
            if (count == 0) {
                return null;
            }
            return count == batch.size() ? batch : new Batch(batch.columns(), count, selection);
        });
    }

    /**
     * The physical rows of the batch where the predicate is true, into {@code selection}; their count. Every row is
     * written and the count advanced by the predicate's value, without a branch, since a filter keeping about half
     * the rows at random would mispredict one branch per row.
     */
    private static int select(BoolColumn predicate, Batch batch, int[] selection) {
        boolean[] values = predicate.values();
        boolean[] nulls = predicate.nulls();
        int[] rows = batch.selection();
        int size = batch.size();
        int count = 0;
        if (nulls == null && rows == null) {
            for (int k = 0; k < size; k++) {
                selection[count] = k;
                count += values[k] ? 1 : 0;
            }
        } else if (nulls == null) {
            for (int k = 0; k < size; k++) {
                selection[count] = rows[k];
                count += values[k] ? 1 : 0;
            }
        } else {
            for (int k = 0; k < size; k++) {
                selection[count] = rows == null ? k : rows[k];
                count += values[k] & !nulls[k] ? 1 : 0;
            }
        }
        return count;
    }

    /** {@link #select(BoolColumn, Batch, int[])} for a predicate known per dictionary entry and the rows' codes. */
    private static int select(BoolColumn entries, int[] codes, Batch batch, int[] selection) {
        // 1 for a true entry, 0 otherwise: the count advances by a load, with nothing to branch on.
        int[] live = new int[entries.size()];
        for (int e = 0; e < live.length; e++) {
            live[e] = entries.isTrue(e) ? 1 : 0;
        }
        int[] rows = batch.selection();
        int size = batch.size();
        int count = 0;
        if (rows == null) {
            for (int k = 0; k < size; k++) {
                selection[count] = k;
                count += live[codes[k]];
            }
        } else {
            for (int k = 0; k < size; k++) {
                selection[count] = rows[k];
                count += live[codes[k]];
            }
        }
        return count;
    }

    private Iterable<Batch> project(LogicalPlan.Project project) {
        return LazyBatches.map(execute(project.input()), batch -> {
            boolean allPassThrough = true;
            for (LogicalPlan.Output output : project.outputs()) {
                allPassThrough &= output.expression() instanceof BoundExpression.ColumnRef;
            }
            Column[] columns = new Column[project.outputs().size()];
            if (allPassThrough) {
                // Keep the selection: reordering or dropping columns copies no rows.
                for (int i = 0; i < columns.length; i++) {
                    columns[i] = batch.columns()[((BoundExpression.ColumnRef) project.outputs().get(i).expression()).index()];
                }
                return new Batch(columns, batch.size(), batch.selection());
            }
            for (int i = 0; i < columns.length; i++) {
                columns[i] = coerce(evaluator.evaluate(project.outputs().get(i).expression(), batch),
                        project.schema().field(i).type());
            }
            return Batch.dense(columns, batch.size());
        });
    }

    /** A column of the declared type (a function may compute longs for an int result, and so on). */
    private static Column coerce(Column column, ScalarType type) {
        if (column.type() == type || (column instanceof LongColumn && (type == ScalarType.INT || type == ScalarType.LONG
                || type == ScalarType.DATETIME || type == ScalarType.TIMESPAN) && column.type() == type)) {
            return column;
        }
        ColumnBuilder builder = ColumnBuilder.of(type, column.size());
        for (int i = 0; i < column.size(); i++) {
            builder.add(column.get(i));
        }
        return builder.build();
    }

    private List<Batch> aggregate(LogicalPlan.Aggregate aggregate) {
        if (aggregate.groups().size() == 1 && isLongBacked(aggregate.groups().get(0).expression().type())) {
            return aggregateByLong(aggregate);
        }
        int groupCount = aggregate.groups().size();
        List<LogicalPlan.AggregateCall> calls = aggregate.aggregates();
        Map<GroupKey, AggregateFunction.Accumulator[]> groups = new LinkedHashMap<>();
        List<List<ScalarType>> argumentTypes = new ArrayList<>();
        for (LogicalPlan.AggregateCall call : calls) {
            List<ScalarType> types = new ArrayList<>();
            for (BoundExpression argument : call.arguments()) {
                types.add(argument.type());
            }
            argumentTypes.add(types);
        }
        for (Batch batch : execute(aggregate.input())) {
            Column[] keys = new Column[groupCount];
            for (int g = 0; g < groupCount; g++) {
                keys[g] = evaluator.evaluate(aggregate.groups().get(g).expression(), batch);
            }
            Column[][] arguments = arguments(calls, batch);
            // Accumulators never keep the argument array they are given, so one per aggregate is reused.
            Object[][] values = new Object[calls.size()][];
            for (int a = 0; a < calls.size(); a++) {
                values[a] = new Object[arguments[a].length];
            }
            AggregateFunction.Accumulator[] single = null;
            if (groupCount == 0) {
                single = groups.computeIfAbsent(new GroupKey(new Object[0]), ignored -> newAccumulators(calls, argumentTypes));
            }
            for (int k = 0; k < batch.size(); k++) {
                AggregateFunction.Accumulator[] accumulators = single;
                if (accumulators == null) {
                    Object[] key = new Object[groupCount];
                    for (int g = 0; g < groupCount; g++) {
                        key[g] = keys[g].get(k);
                    }
                    accumulators = groups.computeIfAbsent(new GroupKey(key), ignored -> newAccumulators(calls, argumentTypes));
                }
                for (int a = 0; a < calls.size(); a++) {
                    Object[] row = values[a];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = arguments[a][i].get(k);
                    }
                    accumulators[a].add(row);
                }
            }
        }
        if (groupCount == 0 && groups.isEmpty()) {
            // summarize without by over no rows gives one row of defaults (semantics §6).
            groups.put(new GroupKey(new Object[0]), newAccumulators(calls, argumentTypes));
        }
        ColumnBuilder[] builders = builders(aggregate.schema(), groups.size());
        for (Map.Entry<GroupKey, AggregateFunction.Accumulator[]> entry : groups.entrySet()) {
            for (int g = 0; g < groupCount; g++) {
                builders[g].add(entry.getKey().values()[g]);
            }
            for (int a = 0; a < calls.size(); a++) {
                builders[groupCount + a].add(entry.getValue()[a].result());
            }
        }
        return List.of(Batch.dense(build(builders), groups.size()));
    }

    private static boolean isLongBacked(ScalarType type) {
        return type == ScalarType.LONG || type == ScalarType.INT || type == ScalarType.DATETIME
                || type == ScalarType.TIMESPAN;
    }

    /**
     * summarize by one long-backed key (a time bin, a number): groups found through a primitive index, and
     * count() counted in place; other aggregations get their values as for any grouping.
     */
    private List<Batch> aggregateByLong(LogicalPlan.Aggregate aggregate) {
        List<LogicalPlan.AggregateCall> calls = aggregate.aggregates();
        List<List<ScalarType>> argumentTypes = new ArrayList<>();
        boolean[] plainCount = new boolean[calls.size()];
        for (int a = 0; a < calls.size(); a++) {
            List<ScalarType> types = new ArrayList<>();
            for (BoundExpression argument : calls.get(a).arguments()) {
                types.add(argument.type());
            }
            argumentTypes.add(types);
            plainCount[a] = calls.get(a).function().name().equals("count") && calls.get(a).arguments().isEmpty();
        }
        boolean accumulate = needsAccumulators(plainCount);
        LongGroupIndex index = new LongGroupIndex();
        // Every count() of a group is its number of rows, so one array serves them all.
        long[] rowCounts = new long[1024];
        long nullRows = 0;
        List<AggregateFunction.Accumulator[]> accumulators = new ArrayList<>();
        AggregateFunction.Accumulator[] nullGroup = null;
        int[] groupOfRow = new int[BATCH_SIZE];
        for (Batch batch : execute(aggregate.input())) {
            int size = batch.size();
            Column keyColumn = evaluator.evaluate(aggregate.groups().get(0).expression(), batch);
            if (groupOfRow.length < size) {
                groupOfRow = new int[size];
            }
            if (!accumulate && keyColumn instanceof LongColumn longs && longs.nulls() == null) {
                // Only counts: each row's group is counted as it is found.
                long[] keys = longs.values();
                for (int k = 0; k < size; k++) {
                    int group = index.groupOf(keys[k]);
                    if (group == rowCounts.length) {
                        rowCounts = Arrays.copyOf(rowCounts, rowCounts.length * 2);
                    }
                    rowCounts[group]++;
                }
                continue;
            }
            // First the group of every row (-1 for a null key), in a loop that boxes nothing.
            if (keyColumn instanceof LongColumn longs) {
                long[] keys = longs.values();
                boolean[] nulls = longs.nulls();
                for (int k = 0; k < size; k++) {
                    groupOfRow[k] = nulls != null && nulls[k] ? -1 : index.groupOf(keys[k]);
                }
            } else {
                for (int k = 0; k < size; k++) {
                    Object key = keyColumn.get(k);
                    groupOfRow[k] = key == null ? -1 : index.groupOf(((Number) key).longValue());
                }
            }
            if (rowCounts.length < index.size()) {
                rowCounts = Arrays.copyOf(rowCounts, Math.max(index.size(), rowCounts.length * 2));
            }
            for (int k = 0; k < size; k++) {
                int group = groupOfRow[k];
                if (group < 0) {
                    nullRows++;
                } else {
                    rowCounts[group]++;
                }
            }
            if (!accumulate) {
                continue;
            }
            Column[][] arguments = arguments(calls, batch);
            while (accumulators.size() < index.size()) {
                accumulators.add(newAccumulators(calls, argumentTypes));
            }
            for (int k = 0; k < size; k++) {
                int group = groupOfRow[k];
                AggregateFunction.Accumulator[] row;
                if (group < 0) {
                    if (nullGroup == null) {
                        nullGroup = newAccumulators(calls, argumentTypes);
                    }
                    row = nullGroup;
                } else {
                    row = accumulators.get(group);
                }
                for (int a = 0; a < calls.size(); a++) {
                    if (plainCount[a]) {
                        continue;
                    }
                    Object[] values = new Object[arguments[a].length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = arguments[a][i].get(k);
                    }
                    row[a].add(values);
                }
            }
        }
        boolean nullSeen = nullRows > 0;
        int groups = index.size() + (nullSeen ? 1 : 0);
        ColumnBuilder[] builders = builders(aggregate.schema(), groups);
        ScalarType keyType = aggregate.groups().get(0).expression().type();
        for (int g = 0; g < index.size(); g++) {
            long key = index.key(g);
            builders[0].add(keyType == ScalarType.INT ? (Object) (int) key : (Object) key);
            for (int a = 0; a < calls.size(); a++) {
                builders[1 + a].add(plainCount[a] ? (Object) rowCounts[g] : accumulators.get(g)[a].result());
            }
        }
        if (nullSeen) {
            builders[0].add(null);
            for (int a = 0; a < calls.size(); a++) {
                builders[1 + a].add(plainCount[a] ? (Object) nullRows : nullGroup[a].result());
            }
        }
        return List.of(Batch.dense(build(builders), groups));
    }

    private static boolean needsAccumulators(boolean[] plainCount) {
        for (boolean count : plainCount) {
            if (!count) {
                return true;
            }
        }
        return false;
    }

    private static AggregateFunction.Accumulator[] newAccumulators(List<LogicalPlan.AggregateCall> calls,
                                                                   List<List<ScalarType>> argumentTypes) {
        AggregateFunction.Accumulator[] accumulators = new AggregateFunction.Accumulator[calls.size()];
        for (int a = 0; a < calls.size(); a++) {
            AggregateFunction function = (AggregateFunction) calls.get(a).function();
            accumulators[a] = function.newAccumulator(argumentTypes.get(a), calls.get(a).type());
        }
        return accumulators;
    }

    /** A group's key values; numbers of different boxes compare by value. */
    record GroupKey(Object[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof GroupKey key && Arrays.equals(values, key.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    private List<Batch> sort(LogicalPlan.Sort sort) {
        Batch all = concat(sort.input().schema(), execute(sort.input()));
        int size = all.size();
        Column[] keys = new Column[sort.keys().size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = evaluator.evaluate(sort.keys().get(i).expression(), all);
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Comparator<Integer> comparator = (x, y) -> {
            for (int i = 0; i < keys.length; i++) {
                LogicalPlan.SortKey key = sort.keys().get(i);
                Object a = keys[i].get(x);
                Object b = keys[i].get(y);
                int result;
                int specialA = special(a);
                int specialB = special(b);
                if (specialA != ORDINARY || specialB != ORDINARY) {
                    result = Integer.compare(placement(specialA, key.nullsFirst()),
                            placement(specialB, key.nullsFirst()));
                } else {
                    result = Values.compare(a, b);
                    if (key.descending()) {
                        result = -result;
                    }
                }
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        };
        Arrays.sort(order, comparator);
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = order[i];
        }
        Column[] columns = new Column[all.columns().length];
        Batch dense = all.compact();
        for (int c = 0; c < columns.length; c++) {
            columns[c] = dense.columns()[c].gather(rows, size);
        }
        return List.of(Batch.dense(columns, size));
    }

    private static final int ORDINARY = 0;
    private static final int NAN = 1;
    private static final int NULL = 2;

    /** Whether a sort key is null, a real NaN, or an ordinary value. */
    private static int special(Object value) {
        if (value == null) {
            return NULL;
        }
        return value instanceof Double real && real.isNaN() ? NAN : ORDINARY;
    }

    /**
     * Where a key goes relative to the others: Kusto keeps NaN together with null, the pair at the nulls end and
     * null outermost, whichever the direction (docs: sort-operator.md, "Using special floating-point values":
     * nulls first gives null, NaN, -inf, ..., +inf; nulls last gives ..., NaN, null).
     */
    private static int placement(int special, boolean nullsFirst) {
        return switch (special) {
            case NULL -> nullsFirst ? 0 : 3;
            case NAN -> nullsFirst ? 1 : 2;
            default -> nullsFirst ? 2 : 1;
        };
    }

    private List<Batch> topNested(LogicalPlan.TopNested nested) {
        Batch all = concat(nested.input().schema(), execute(nested.input())).compact();
        int levels = nested.levels().size();
        Column[] keys = new Column[levels];
        Column[][] arguments = new Column[levels][];
        for (int l = 0; l < levels; l++) {
            LogicalPlan.TopNestedLevel level = nested.levels().get(l);
            keys[l] = evaluator.evaluate(level.of().expression(), all);
            arguments[l] = new Column[level.by().arguments().size()];
            for (int a = 0; a < arguments[l].length; a++) {
                arguments[l][a] = evaluator.evaluate(level.by().arguments().get(a), all);
            }
        }
        ColumnBuilder[] builders = builders(nested.schema(), 64);
        int[] rows = {0};
        List<Integer> everything = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            everything.add(i);
        }
        topNestedLevel(nested, 0, everything, new Object[levels * 2], keys, arguments, builders, rows);
        return List.of(Batch.dense(build(builders), rows[0]));
    }

    /** Ranks the groups of one level by their aggregate, keeps the top ones (and an others row), recurses. */
    private static void topNestedLevel(LogicalPlan.TopNested nested, int level, List<Integer> rowsIn, Object[] path,
                                       Column[] keys, Column[][] arguments, ColumnBuilder[] builders, int[] emitted) {
        if (level == nested.levels().size()) {
            for (int c = 0; c < path.length; c++) {
                builders[c].add(path[c]);
            }
            emitted[0]++;
            return;
        }
        LogicalPlan.TopNestedLevel spec = nested.levels().get(level);
        Map<Object, List<Integer>> groups = new LinkedHashMap<>();
        for (int row : rowsIn) {
            groups.computeIfAbsent(keys[level].get(row), ignored -> new ArrayList<>()).add(row);
        }
        List<Object[]> ranked = new ArrayList<>();
        for (Map.Entry<Object, List<Integer>> group : groups.entrySet()) {
            ranked.add(new Object[] {group.getKey(), aggregateOver(spec, level, group.getValue(), arguments), group.getValue()});
        }
        Comparator<Object[]> byValue = (a, b) -> {
            if (a[1] == null || b[1] == null) {
                return a[1] == null ? (b[1] == null ? 0 : 1) : -1;
            }
            int result = Values.compare(a[1], b[1]);
            return spec.descending() ? -result : result;
        };
        ranked.sort(byValue);
        int keep = spec.count() < 0 ? ranked.size() : (int) Math.min(spec.count(), ranked.size());
        for (int g = 0; g < keep; g++) {
            Object[] group = ranked.get(g);
            path[level * 2] = group[0];
            path[level * 2 + 1] = group[1];
            @SuppressWarnings("unchecked")
            List<Integer> members = (List<Integer>) group[2];
            topNestedLevel(nested, level + 1, members, path, keys, arguments, builders, emitted);
        }
        if (spec.hasOthers() && keep < ranked.size()) {
            List<Integer> rest = new ArrayList<>();
            for (int g = keep; g < ranked.size(); g++) {
                @SuppressWarnings("unchecked")
                List<Integer> members = (List<Integer>) ranked.get(g)[2];
                rest.addAll(members);
            }
            Object[] othersPath = path.clone();
            othersPath[level * 2] = spec.others();
            othersPath[level * 2 + 1] = aggregateOver(spec, level, rest, arguments);
            for (int c = level * 2 + 2; c < othersPath.length; c++) {
                othersPath[c] = null;
            }
            for (int c = 0; c < othersPath.length; c++) {
                builders[c].add(othersPath[c]);
            }
            emitted[0]++;
        }
    }

    private static Object aggregateOver(LogicalPlan.TopNestedLevel spec, int level, List<Integer> rows, Column[][] arguments) {
        List<ScalarType> types = spec.by().arguments().stream().map(BoundExpression::type).toList();
        AggregateFunction.Accumulator accumulator = ((AggregateFunction) spec.by().function())
                .newAccumulator(types, spec.by().type());
        Object[] values = new Object[arguments[level].length];
        for (int row : rows) {
            for (int a = 0; a < values.length; a++) {
                values[a] = arguments[level][a].get(row);
            }
            accumulator.add(values);
        }
        return accumulator.result();
    }

    /** Splits the rows by key (in first-seen order) and runs the sub-plan on each part. */
    private List<Batch> partition(LogicalPlan.Partition partition) {
        Batch all = concat(partition.input().schema(), execute(partition.input()));
        Map<Object, List<Integer>> parts = new LinkedHashMap<>();
        for (int k = 0; k < all.size(); k++) {
            int row = all.row(k);
            parts.computeIfAbsent(all.columns()[partition.column()].get(row), ignored -> new ArrayList<>()).add(row);
        }
        List<Batch> out = new ArrayList<>();
        for (List<Integer> rows : parts.values()) {
            int[] selection = rows.stream().mapToInt(Integer::intValue).toArray();
            List<Batch> part = List.of(new Batch(all.columns(), selection.length, selection));
            Executor inner = new Executor(table -> table.equals(partition.contextTable()) ? part : tables.batches(table),
                    evaluator.context());
            for (Batch batch : inner.execute(partition.subquery())) {
                out.add(batch);
            }
        }
        return out;
    }

    /** Reservoir sampling: every row equally likely, as 'sample' promises; the seed is random per query. */
    private List<Batch> sample(LogicalPlan.Sample sample) {
        Batch all = concat(sample.schema(), execute(sample.input()));
        int count = (int) Math.min(sample.count(), all.size());
        java.util.SplittableRandom random = new java.util.SplittableRandom();
        int[] chosen = new int[count];
        for (int k = 0; k < all.size(); k++) {
            if (k < count) {
                chosen[k] = all.row(k);
            } else {
                int slot = random.nextInt(k + 1);
                if (slot < count) {
                    chosen[slot] = all.row(k);
                }
            }
        }
        java.util.Arrays.sort(chosen);
        return List.of(new Batch(all.columns(), count, chosen));
    }

    /** take: stops reading its input once it has its rows, so the rest is never computed. */
    private Iterable<Batch> limit(LogicalPlan.Limit limit) {
        return LazyBatches.of(() -> {
            java.util.Iterator<Batch> input = execute(limit.input()).iterator();
            long[] remaining = {limit.count()};
            return () -> {
                if (remaining[0] <= 0 || !input.hasNext()) {
                    return null;
                }
                Batch batch = input.next();
                if (batch.size() <= remaining[0]) {
                    remaining[0] -= batch.size();
                    return batch;
                }
                int[] selection = new int[(int) remaining[0]];
                for (int k = 0; k < selection.length; k++) {
                    selection[k] = batch.row(k);
                }
                remaining[0] = 0;
                return new Batch(batch.columns(), selection.length, selection);
            };
        });
    }

    /** union: the legs one after another, each executed once the one before has been read. */
    private Iterable<Batch> union(LogicalPlan.Union union) {
        return LazyBatches.of(() -> new LazyBatches.Source() {
            private int leg = -1;
            private java.util.Iterator<Batch> batches = List.<Batch>of().iterator();

            @Override
            public Batch next() {
                while (!batches.hasNext()) {
                    if (++leg == union.inputs().size()) {
                        return null;
                    }
                    batches = execute(union.inputs().get(leg)).iterator();
                }
                return unionLeg(union, leg, batches.next());
            }
        });
    }

    /** A batch of union leg {@code i} with the union's columns: its own where it has them, null elsewhere. */
    private static Batch unionLeg(LogicalPlan.Union union, int i, Batch batch) {
        Schema schema = union.schema();
        Column[] columns = new Column[schema.size()];
        for (int c = 0; c < schema.size(); c++) {
            Schema.Field field = schema.field(c);
            if (field.name().equals(union.sourceColumn())) {
                columns[c] = Column.constant(ScalarType.STRING, union.sourceNames().get(i), batch.size());
                continue;
            }
            int index = union.columnMaps().get(i)[c];
            columns[c] = index < 0 ? Column.constant(field.type(), null, batch.size()) : batch.dense(index);
        }
        return Batch.dense(columns, batch.size());
    }

    /** All batches as one dense batch. */
    static Batch concat(Schema schema, Iterable<Batch> input) {
        List<Batch> batches = LazyBatches.list(input);
        if (batches.size() == 1 && batches.get(0).selection() == null) {
            return batches.get(0);
        }
        int total = 0;
        for (Batch batch : batches) {
            total += batch.size();
        }
        Column[] columns = new Column[schema.size()];
        List<Column> parts = new ArrayList<>(batches.size());
        for (int c = 0; c < columns.length; c++) {
            parts.clear();
            for (Batch batch : batches) {
                parts.add(batch.dense(c));
            }
            columns[c] = Columns.concat(schema.field(c).type(), parts);
        }
        return Batch.dense(columns, total);
    }

    static ColumnBuilder[] builders(Schema schema, int capacity) {
        ColumnBuilder[] builders = new ColumnBuilder[schema.size()];
        for (int c = 0; c < builders.length; c++) {
            builders[c] = ColumnBuilder.of(schema.field(c).type(), capacity);
        }
        return builders;
    }

    static Column[] build(ColumnBuilder[] builders) {
        Column[] columns = new Column[builders.length];
        for (int c = 0; c < builders.length; c++) {
            columns[c] = builders[c].build();
        }
        return columns;
    }

    static Set<Object> newSet() {
        return new HashSet<>();
    }

    static <K, V> Map<K, V> newMap() {
        return new HashMap<>();
    }
}
