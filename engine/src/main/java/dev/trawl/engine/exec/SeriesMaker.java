package dev.trawl.engine.exec;

import dev.trawl.engine.function.AggregateFunction;
import dev.trawl.engine.function.DynamicValues;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * make-series (semantics.md §2). With from/to: bins start at {@code from} ({@code bin_at} alignment),
 * {@code to} is exclusive, rows outside are dropped. With {@code in range(a, b, s)}: bins are
 * {@code bin(x, s)} from {@code bin(a, s)} to {@code bin(b, s)} inclusive. Without from or to, the
 * missing bound comes from each series' own data, aligned with {@code bin(x, step)} from zero (ticks since
 * 0001-01-01 for datetimes): semantics ambiguity 8, decided this way and tested.
 */
final class SeriesMaker {
    /** Arrays are limited to 2^20 elements, as in Kusto. */
    static final long MAX_BINS = 1 << 20;

    private SeriesMaker() {
    }

    /** One series: the group's per-bin accumulators, by bin index. */
    private static final class Series {
        final Object[] key;
        final Map<Long, AggregateFunction.Accumulator[]> bins = new LinkedHashMap<>();
        long firstBin = Long.MAX_VALUE;
        long lastBin = Long.MIN_VALUE;

        Series(Object[] key) {
            this.key = key;
        }
    }

    /**
     * Axis arithmetic: exact in longs for datetimes, timespans and integers (ticks exceed a double's exact
     * range), in doubles for reals.
     */
    private record Axis(boolean integral, long fromL, long toL, long stepL, double fromD, double toD, double stepD,
                        boolean hasFrom, boolean hasTo) {
        long bin(Object value) {
            if (integral) {
                long x = ((Number) value).longValue();
                return Math.floorDiv(x - (hasFrom ? fromL : 0), stepL);
            }
            double x = ((Number) value).doubleValue();
            return (long) Math.floor((x - (hasFrom ? fromD : 0)) / stepD);
        }

        boolean inside(Object value) {
            if (integral) {
                long x = ((Number) value).longValue();
                return (!hasFrom || x >= fromL) && (!hasTo || x < toL);
            }
            double x = ((Number) value).doubleValue();
            return (!hasFrom || x >= fromD) && (!hasTo || x < toD);
        }

        /** Bins from the series' first to its last: fixed by from/to, else the data's own. */
        long count(long firstBin, long lastBin) {
            if (hasFrom && hasTo) {
                return integral ? Math.max(0, Math.ceilDiv(toL - fromL, stepL))
                        : Math.max(0, (long) Math.ceil((toD - fromD) / stepD - 1e-9));
            }
            long first = hasFrom ? 0 : firstBin;
            long last = hasTo ? (integral ? Math.ceilDiv(toL - (hasFrom ? fromL : 0), stepL) - 1
                    : (long) Math.ceil((toD - (hasFrom ? fromD : 0)) / stepD - 1e-9) - 1) : lastBin;
            return Math.max(0, last - first + 1);
        }

        Object start(long bin) {
            return integral ? (Object) ((hasFrom ? fromL : 0) + bin * stepL) : (Object) ((hasFrom ? fromD : 0) + bin * stepD);
        }
    }

    static List<Batch> make(LogicalPlan.MakeSeries series, Iterable<Batch> input, Evaluator evaluator) {
        ScalarType axisType = series.axis().type();
        boolean integral = axisType != ScalarType.REAL && axisType != ScalarType.DECIMAL;
        Object stepValue = evaluator.evaluateConstant(series.step());
        Object fromValue = series.from() == null ? null : evaluator.evaluateConstant(series.from());
        Object toValue = series.to() == null ? null : evaluator.evaluateConstant(series.to());
        if (!(stepValue instanceof Number step) || (series.from() != null && fromValue == null)
                || (series.to() != null && toValue == null)) {
            throw new IllegalArgumentException("make-series: from, to and step must not be null");
        }
        long stepL = step.longValue();
        double stepD = step.doubleValue();
        if (integral ? stepL <= 0 : !(stepD > 0)) {
            throw new IllegalArgumentException("make-series: the step must be positive");
        }
        long fromL = fromValue == null ? 0 : ((Number) fromValue).longValue();
        long toL = toValue == null ? 0 : ((Number) toValue).longValue();
        double fromD = fromValue == null ? 0 : ((Number) fromValue).doubleValue();
        double toD = toValue == null ? 0 : ((Number) toValue).doubleValue();
        if (series.inRange()) {
            // in range(start, stop, step): bins of bin(x, step), the stop's bin included.
            fromL = Math.floorDiv(fromL, stepL) * stepL;
            toL = Math.floorDiv(toL, stepL) * stepL + stepL;
            fromD = Math.floor(fromD / stepD) * stepD;
            toD = Math.floor(toD / stepD) * stepD + stepD;
        }
        Axis axisRule = new Axis(integral, fromL, toL, stepL, fromD, toD, stepD, fromValue != null, toValue != null);
        List<List<ScalarType>> argumentTypes = new ArrayList<>();
        for (LogicalPlan.AggregateCall call : series.aggregates()) {
            argumentTypes.add(call.arguments().stream().map(BoundExpression::type).toList());
        }
        Map<Executor.GroupKey, Series> all = new LinkedHashMap<>();
        int groupCount = series.groups().size();
        for (Batch batch : input) {
            Column axis = evaluator.evaluate(series.axis(), batch);
            Column[] keys = new Column[groupCount];
            for (int g = 0; g < groupCount; g++) {
                keys[g] = evaluator.evaluate(series.groups().get(g).expression(), batch);
            }
            Column[][] arguments = new Column[series.aggregates().size()][];
            for (int a = 0; a < arguments.length; a++) {
                List<BoundExpression> expressions = series.aggregates().get(a).arguments();
                arguments[a] = new Column[expressions.size()];
                for (int i = 0; i < expressions.size(); i++) {
                    arguments[a][i] = evaluator.evaluate(expressions.get(i), batch);
                }
            }
            for (int k = 0; k < batch.size(); k++) {
                Object axisValue = axis.get(k);
                if (axisValue == null || !axisRule.inside(axisValue)) {
                    continue;
                }
                long bin = axisRule.bin(axisValue);
                Object[] key = new Object[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    key[g] = keys[g].get(k);
                }
                Series one = all.computeIfAbsent(new Executor.GroupKey(key), ignored -> new Series(key));
                one.firstBin = Math.min(one.firstBin, bin);
                one.lastBin = Math.max(one.lastBin, bin);
                AggregateFunction.Accumulator[] accumulators = one.bins.computeIfAbsent(bin, ignored -> {
                    AggregateFunction.Accumulator[] created = new AggregateFunction.Accumulator[arguments.length];
                    for (int a = 0; a < created.length; a++) {
                        LogicalPlan.AggregateCall call = series.aggregates().get(a);
                        created[a] = ((AggregateFunction) call.function()).newAccumulator(argumentTypes.get(a), call.type());
                    }
                    return created;
                });
                for (int a = 0; a < arguments.length; a++) {
                    Object[] values = new Object[arguments[a].length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = arguments[a][i].get(k);
                    }
                    accumulators[a].add(values);
                }
            }
        }
        if (all.isEmpty() && series.nonEmpty() && groupCount == 0 && fromValue != null && toValue != null) {
            // kind=nonempty: an empty input still gives one series of defaults over the whole axis.
            all.put(new Executor.GroupKey(new Object[0]), new Series(new Object[0]));
        }
        ColumnBuilder[] builders = Executor.builders(series.schema(), all.size());
        for (Series one : all.values()) {
            long first = axisRule.hasFrom() ? 0 : one.firstBin;
            long count = axisRule.count(one.firstBin, one.lastBin);
            if (count > MAX_BINS) {
                throw new IllegalArgumentException("make-series: " + count + " bins exceed the limit of " + MAX_BINS);
            }
            for (int g = 0; g < groupCount; g++) {
                builders[g].add(one.key[g]);
            }
            for (int a = 0; a < series.aggregates().size(); a++) {
                LogicalPlan.AggregateCall call = series.aggregates().get(a);
                List<Object> values = new ArrayList<>((int) count);
                for (long i = 0; i < count; i++) {
                    AggregateFunction.Accumulator[] accumulators = one.bins.get(first + i);
                    Object value = accumulators == null ? series.defaults().get(a) : accumulators[a].result();
                    values.add(DynamicValues.numberInType(value, call.type()));
                }
                builders[groupCount + a].add(values);
            }
            List<Object> axisValues = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                axisValues.add(DynamicValues.axisValue(axisType, axisRule.start(first + i)));
            }
            builders[groupCount + series.aggregates().size()].add(axisValues);
        }
        return List.of(Batch.dense(Executor.build(builders), all.size()));
    }

}
