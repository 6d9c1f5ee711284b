package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;

/** now(), ago() and the start-of functions. */
final class DatetimeFunctions {
    private DatetimeFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("now", 0, 1, types -> types.isEmpty() || types.get(0) == ScalarType.TIMESPAN
                ? ScalarType.DATETIME : null, KERNEL_HANDLES_NULLS,
                (a, call) -> call.context().nowTicks() + (a.length == 0 || a[0] == null ? 0 : (Long) a[0]),
                "the query's current time, the same for every use in one query; now(-1d) is a day ago")
                .nondeterministic());
        registry.add(ScalarFunction.of("ago", 1, 1, Types.fixed(ScalarType.DATETIME, ScalarType.TIMESPAN),
                (a, call) -> call.context().nowTicks() - (Long) a[0], "ago(1h) is now() - 1h").nondeterministic());
        registry.add(ScalarFunction.of("startofday", 1, 2, Types.fixed(ScalarType.DATETIME, ScalarType.DATETIME,
                ScalarType.LONG, ScalarType.INT), (a, call) -> {
                    long day = Math.floorDiv((Long) a[0], LiteralValues.TICKS_PER_DAY) * LiteralValues.TICKS_PER_DAY;
                    long offset = a.length > 1 ? ((Number) a[1]).longValue() : 0;
                    return day + offset * LiteralValues.TICKS_PER_DAY;
                }, "startofday(datetime(2024-01-31 13:45)) is 2024-01-31"));
    }
}
