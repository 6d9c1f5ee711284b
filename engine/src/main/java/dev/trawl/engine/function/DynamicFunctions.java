package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.engine.value.Json;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** parse_json and the array and bag functions. */
final class DynamicFunctions {
    private DynamicFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("parse_json", 1, 1, types -> ScalarType.DYNAMIC, KERNEL_HANDLES_NULLS, (a, call) -> {
            if (call.argumentTypes().get(0) != ScalarType.STRING) {
                return a[0];
            }
            // Invalid JSON gives a dynamic string holding the text (semantics §5.3).
            return Json.parseOrText((String) a[0]);
        }, "parse_json('{\"a\":1}').a is 1"));
        registry.alias("todynamic", "parse_json");
        registry.alias("parsejson", "parse_json");
        registry.alias("toobject", "parse_json");
        registry.add(ScalarFunction.of("array_length", 1, 1, Types.fixed(ScalarType.LONG, ScalarType.DYNAMIC),
                KERNEL_HANDLES_NULLS, (a, call) -> a[0] instanceof List<?> list ? (Object) (long) list.size() : null,
                "array_length(dynamic([1,2])) is 2; not an array gives null"));
        registry.add(ScalarFunction.of("pack_array", 1, 64, types -> ScalarType.DYNAMIC, KERNEL_HANDLES_NULLS, (a, call) -> {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                out.add(toDynamic(call.argumentTypes().get(i), a[i]));
            }
            return out;
        }, "pack_array(1, \"a\") is [1, \"a\"]"));
        registry.add(ScalarFunction.of("bag_pack", 0, 128, types -> types.size() % 2 == 0 ? ScalarType.DYNAMIC : null,
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    Map<String, Object> out = new java.util.LinkedHashMap<>();
                    for (int i = 0; i + 1 < a.length; i += 2) {
                        out.put(Values.toText(call.argumentTypes().get(i), a[i]),
                                toDynamic(call.argumentTypes().get(i + 1), a[i + 1]));
                    }
                    return out;
                }, "bag_pack(\"a\", 1) is {\"a\": 1}"));
        registry.alias("pack", "bag_pack");
    }

    /** A typed value as it is stored inside a dynamic: numbers as Long/Double, times as their text. */
    static Object toDynamic(ScalarType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case INT -> ((Integer) value).longValue();
            case DECIMAL -> ((java.math.BigDecimal) value).doubleValue();
            case DATETIME, TIMESPAN, GUID -> Values.toText(type, value);
            default -> value;
        };
    }
}
