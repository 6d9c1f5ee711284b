package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.kql.types.ScalarType;

/** String functions. */
final class StringFunctions {
    private StringFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("strlen", 1, 1, Types.fixed(ScalarType.LONG), (a, call) ->
                (long) Values.toText(call.argumentTypes().get(0), a[0]).codePointCount(0,
                        Values.toText(call.argumentTypes().get(0), a[0]).length()),
                "strlen(\"abc\") is 3 (Unicode code points)"));
        registry.add(ScalarFunction.of("strcat", 1, 64, types -> ScalarType.STRING, KERNEL_HANDLES_NULLS, (a, call) -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < a.length; i++) {
                out.append(Values.toText(call.argumentTypes().get(i), a[i]));
            }
            return out.toString();
        }, "strcat(\"a\", 1, \"b\") is \"a1b\""));
        registry.add(ScalarFunction.of("toupper", 1, 1, Types.fixed(ScalarType.STRING),
                (a, call) -> Values.toText(call.argumentTypes().get(0), a[0]).toUpperCase(java.util.Locale.ROOT),
                "toupper(\"abc\") is \"ABC\""));
        registry.add(ScalarFunction.of("tolower", 1, 1, Types.fixed(ScalarType.STRING),
                (a, call) -> Values.toText(call.argumentTypes().get(0), a[0]).toLowerCase(java.util.Locale.ROOT),
                "tolower(\"ABC\") is \"abc\""));
    }
}
