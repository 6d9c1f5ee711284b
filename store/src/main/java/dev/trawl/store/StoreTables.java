package dev.trawl.store;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.Executor;
import dev.trawl.engine.exec.ScanRequests;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.types.ScalarType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Makes every table of a store visible to an engine, read at each scan with column and day pruning. */
public final class StoreTables {
    private StoreTables() {
    }

    /**
     * Registers the store's tables, and the built-in tables (CloudAppEvents, OfficeActivity) the store has no rows
     * of yet as empty tables with their schemas: a rule over both tables then runs on a store holding one, as it
     * does in a workspace where one is empty, instead of failing on an unknown name.
     */
    public static Engine register(Engine engine, Store store) {
        dev.trawl.kql.bind.BuiltinTables builtins = dev.trawl.kql.bind.BuiltinTables.instance();
        for (String name : builtins.names()) {
            if (!store.tables().containsKey(name)) {
                engine.register(name, builtins.schema(name), List.of());
            }
        }
        for (Map.Entry<String, Manifest.TableInfo> table : store.tables().entrySet()) {
            String name = table.getKey();
            Schema schema = table.getValue().schema();
            int time = table.getValue().timeColumn() == null ? -1 : schema.indexOf(table.getValue().timeColumn());
            engine.register(name, schema, (request, executor) -> {
                boolean[] needed = request == null ? all(schema.size()) : request.columns();
                long[] bounds = request == null || time < 0 ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE}
                        : bounds(request.predicates(), time, executor);
                return store.batches(name, needed, bounds[0], bounds[1]);
            });
        }
        return engine;
    }

    private static boolean[] all(int size) {
        boolean[] columns = new boolean[size];
        Arrays.fill(columns, true);
        return columns;
    }

    /**
     * The time range {@code [from, to]} (ticks, inclusive) that the predicates allow for the time column: each
     * conjunct {@code T > c}, {@code T >= c}, {@code T < c}, {@code T <= c}, {@code T == c} (either side) and
     * {@code T between (a .. b)} whose other side reads no column narrows it. Anything else is ignored, which
     * only means more partitions are read; the filter itself is still applied by the executor.
     */
    static long[] bounds(List<BoundExpression> predicates, int time, Executor executor) {
        long[] range = {Long.MIN_VALUE, Long.MAX_VALUE};
        for (BoundExpression predicate : predicates) {
            narrow(predicate, time, executor, range);
        }
        return range;
    }

    private static void narrow(BoundExpression expression, int time, Executor executor, long[] range) {
        if (!(expression instanceof BoundExpression.Call call)) {
            return;
        }
        List<BoundExpression> args = call.arguments();
        String op = call.function().name();
        if (op.equals("and")) {
            args.forEach(a -> narrow(a, time, executor, range));
            return;
        }
        if (op.equals("between") && args.size() == 3 && isTime(args.get(0), time)) {
            Long low = constant(args.get(1), executor);
            Long high = constant(args.get(2), executor);
            if (low != null && high != null) {
                range[0] = Math.max(range[0], low);
                range[1] = Math.min(range[1], high);
            }
            return;
        }
        if (args.size() != 2) {
            return;
        }
        boolean left = isTime(args.get(0), time);
        boolean right = isTime(args.get(1), time);
        if (left == right) {
            return;
        }
        Long value = constant(args.get(left ? 1 : 0), executor);
        if (value == null) {
            return;
        }
        // Written as "T op c"; a constant on the left mirrors the operator.
        String normal = left ? op : switch (op) {
            case ">" -> "<";
            case ">=" -> "<=";
            case "<" -> ">";
            case "<=" -> ">=";
            default -> op;
        };
        switch (normal) {
            // Strict bounds exclude the tick itself, so "< midnight" does not open the day that starts then.
            case ">" -> range[0] = Math.max(range[0], value == Long.MAX_VALUE ? value : value + 1);
            case ">=" -> range[0] = Math.max(range[0], value);
            case "<" -> range[1] = Math.min(range[1], value == Long.MIN_VALUE ? value : value - 1);
            case "<=" -> range[1] = Math.min(range[1], value);
            case "==" -> {
                range[0] = Math.max(range[0], value);
                range[1] = Math.min(range[1], value);
            }
            default -> {
            }
        }
    }

    private static boolean isTime(BoundExpression expression, int time) {
        return expression instanceof BoundExpression.ColumnRef ref && ref.index() == time;
    }

    /** The datetime an expression that reads no column evaluates to, or null. */
    private static Long constant(BoundExpression expression, Executor executor) {
        if (expression.type() != ScalarType.DATETIME || readsData(expression)) {
            return null;
        }
        Object value = executor.evaluateConstant(expression);
        return value instanceof Long ticks ? ticks : null;
    }

    private static boolean readsData(BoundExpression expression) {
        return switch (expression) {
            case BoundExpression.ColumnRef ref -> true;
            case BoundExpression.ScalarSubquery subquery -> true;
            case BoundExpression.Constant constant -> false;
            case BoundExpression.Call call -> call.arguments().stream().anyMatch(StoreTables::readsData);
        };
    }
}
