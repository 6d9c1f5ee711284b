package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.engine.value.Json;
import dev.trawl.engine.value.ValueFormat;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * parse_json, dynamic_to_json and Kusto's array, property-bag and set functions over dynamic values (null,
 * Boolean, Long, Double, String, List, Map). Inputs are never modified: a dynamic value may be shared by
 * every row (a literal) or by several columns, so every result that differs from its input is a copy.
 *
 * <p>Nulls follow the docs: a function whose input is not of the shape it needs (an array, a bag) returns
 * null, as array_length does; where the docs are silent the choice is stated at the function.
 */
final class DynamicFunctions {
    /**
     * repeat() would otherwise let one row allocate without bound; Kusto's range() caps its arrays at 2^20
     * elements and we apply the same cap here (a larger count gives null).
     */
    private static final long MAX_REPEAT = 1L << 20;

    private DynamicFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        parsing(registry);
        arrays(registry);
        sorting(registry);
        bags(registry);
        sets(registry);
    }

    // ---------------------------------------------------------------------------------------------
    // Type rules

    private static boolean isDynamic(ScalarType type) {
        return type == ScalarType.DYNAMIC;
    }

    /** Counts and indexes: int or long, or a dynamic holding a number. */
    private static boolean isWhole(ScalarType type) {
        return type == ScalarType.INT || type == ScalarType.LONG || type == ScalarType.DYNAMIC;
    }

    /** {@code result} when every argument is dynamic. */
    private static ScalarFunction.TypeRule onlyDynamic(ScalarType result) {
        return types -> {
            for (ScalarType type : types) {
                if (!isDynamic(type)) {
                    return null;
                }
            }
            return result;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // parse_json, dynamic_to_json

    private static void parsing(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("parse_json", 1, 1, types -> ScalarType.DYNAMIC, KERNEL_HANDLES_NULLS, (a, call) -> {
            ScalarType type = call.argumentTypes().get(0);
            if (type == ScalarType.STRING) {
                // Invalid JSON gives a dynamic string holding the text (semantics §5.3); "" gives null.
                return Json.parseOrText((String) a[0]);
            }
            // A dynamic is used as is; any other scalar becomes the dynamic holding it.
            return toDynamic(type, a[0]);
        }, "parse_json('{\"a\":1}').a is 1; text that is not JSON gives a dynamic string"));
        registry.alias("todynamic", "parse_json");
        registry.alias("parsejson", "parse_json");
        registry.alias("toobject", "parse_json");

        registry.add(ScalarFunction.of("dynamic_to_json", 1, 1, types -> ScalarType.STRING, KERNEL_HANDLES_NULLS, (a, call) -> {
            ScalarType type = call.argumentTypes().get(0);
            if (type != ScalarType.DYNAMIC) {
                // The docs: a scalar of a type other than dynamic gives tostring() of it.
                return Values.toText(type, a[0]);
            }
            // A dynamic's canonical form is its JSON with every bag's keys sorted (ordinal), at all depths.
            return ValueFormat.json(canonical(a[0]));
        }, "dynamic_to_json(dynamic({'b':1,'a':2})) is '{\"a\":2,\"b\":1}' (keys sorted)"));
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                sorted.put(entry.getKey().toString(), canonical(entry.getValue()));
            }
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(canonical(element));
            }
            return out;
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------
    // Arrays

    private static void arrays(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("array_length", 1, 1, onlyDynamic(ScalarType.LONG),
                KERNEL_HANDLES_NULLS, (a, call) -> a[0] instanceof List<?> list ? (Object) (long) list.size() : null,
                "array_length(dynamic([1,2])) is 2; not an array gives null"));

        registry.add(ScalarFunction.of("pack_array", 1, Integer.MAX_VALUE, types -> ScalarType.DYNAMIC, KERNEL_HANDLES_NULLS, (a, call) -> {
            List<Object> out = new ArrayList<>(a.length);
            for (int i = 0; i < a.length; i++) {
                out.add(toDynamic(call.argumentTypes().get(i), a[i]));
            }
            return out;
        }, "pack_array(1, \"a\") is [1, \"a\"]"));

        registry.add(ScalarFunction.of("array_concat", 1, 64, onlyDynamic(ScalarType.DYNAMIC), (a, call) -> {
            List<Object> out = new ArrayList<>();
            for (Object argument : a) {
                if (!(argument instanceof List<?> list)) {
                    return null;
                }
                out.addAll(list);
            }
            return out;
        }, "array_concat(dynamic([1,2]), dynamic([3])) is [1,2,3]; an argument that is not an array gives null"));

        registry.add(ScalarFunction.of("array_iff", 3, 3, types -> isDynamic(types.get(0)) ? ScalarType.DYNAMIC : null,
                KERNEL_HANDLES_NULLS, DynamicFunctions::arrayIff,
                "array_iff(dynamic([true,false]), dynamic([1,2]), dynamic([3,4])) is [1,4]"));
        registry.alias("array_iif", "array_iff");

        registry.add(ScalarFunction.of("array_index_of", 2, 5, types -> {
            if (!isDynamic(types.get(0))) {
                return null;
            }
            for (int i = 2; i < types.size(); i++) {
                if (!isWhole(types.get(i))) {
                    return null;
                }
            }
            return ScalarType.LONG;
        }, DynamicFunctions::arrayIndexOf,
                "array_index_of(dynamic(['a','b','a']), 'a', 1) is 2; not found is -1"));

        registry.add(ScalarFunction.of("array_reverse", 1, 1, onlyDynamic(ScalarType.DYNAMIC), (a, call) -> {
            if (!(a[0] instanceof List<?> list)) {
                return null;
            }
            List<Object> out = new ArrayList<>(list);
            Collections.reverse(out);
            return out;
        }, "array_reverse(dynamic([1,2,3])) is [3,2,1]"));

        ScalarFunction.TypeRule arrayAndCount = types -> isDynamic(types.get(0)) && isWhole(types.get(1))
                ? ScalarType.DYNAMIC : null;
        registry.add(ScalarFunction.of("array_rotate_left", 2, 2, arrayAndCount,
                (a, call) -> rotateLeft(a[0], number(a[1])),
                "array_rotate_left(dynamic([1,2,3,4,5]), 2) is [3,4,5,1,2]"));
        registry.add(ScalarFunction.of("array_rotate_right", 2, 2, arrayAndCount,
                (a, call) -> rotateLeft(a[0], negate(number(a[1]))),
                "array_rotate_right(dynamic([1,2,3,4,5]), 2) is [4,5,1,2,3]"));

        ScalarFunction.TypeRule shift = types -> isDynamic(types.get(0)) && isWhole(types.get(1)) ? ScalarType.DYNAMIC : null;
        registry.add(ScalarFunction.of("array_shift_left", 2, 3, shift, KERNEL_HANDLES_NULLS,
                (a, call) -> shiftLeft(a, call, false),
                "array_shift_left(dynamic([1,2,3,4,5]), 2, -1) is [3,4,5,-1,-1]"));
        registry.add(ScalarFunction.of("array_shift_right", 2, 3, shift, KERNEL_HANDLES_NULLS,
                (a, call) -> shiftLeft(a, call, true),
                "array_shift_right(dynamic([1,2,3,4,5]), 2) is [null,null,1,2,3]"));

        registry.add(ScalarFunction.of("array_slice", 3, 3, types -> isDynamic(types.get(0)) && isWhole(types.get(1))
                && isWhole(types.get(2)) ? ScalarType.DYNAMIC : null, (a, call) -> {
                    if (!(a[0] instanceof List<?> list) || number(a[1]) == null || number(a[2]) == null) {
                        return null;
                    }
                    int size = list.size();
                    long start = number(a[1]);
                    long end = number(a[2]);
                    // Negative indexes count from the end; out-of-bounds indexes are clamped (docs: "ignored").
                    start = Math.max(0, start < 0 ? size + start : start);
                    end = Math.min(size - 1L, end < 0 ? size + end : end);
                    if (start > end) {
                        return new ArrayList<>();
                    }
                    return new ArrayList<Object>(list.subList((int) start, (int) end + 1));
                }, "array_slice(dynamic([1,2,3,4,5]), 2, -1) is [3,4,5] (end inclusive)"));

        registry.add(ScalarFunction.of("array_split", 2, 2, types -> isDynamic(types.get(0)) && isWhole(types.get(1))
                ? ScalarType.DYNAMIC : null, (a, call) -> arraySplit(a[0], a[1]),
                "array_split(dynamic([1,2,3,4,5]), dynamic([1,3])) is [[1],[2,3],[4,5]]"));

        registry.add(ScalarFunction.of("array_sum", 1, 1, onlyDynamic(ScalarType.REAL), (a, call) -> {
            if (!(a[0] instanceof List<?> list)) {
                return null;
            }
            double sum = 0;
            for (Object element : list) {
                // The docs: an element of a non-numeric type makes the result null; a null element is not
                // a number either, so it does too.
                if (!(element instanceof Number number)) {
                    return null;
                }
                sum += number.doubleValue();
            }
            return sum;
        }, "array_sum(dynamic([1,2,3.5])) is 6.5 (real)"));

        registry.add(ScalarFunction.of("range", 2, 3, types -> {
            ScalarType start = types.get(0);
            return start.isNumeric() || start == ScalarType.DATETIME || start == ScalarType.TIMESPAN ? ScalarType.DYNAMIC : null;
        }, (a, call) -> rangeArray(a, call), "range(start, stop [, step]): the array start, start + step, ... up to stop "
                + "(inclusive); the step defaults to 1 (1h for datetimes); at most 1,048,576 elements"));
        registry.add(ScalarFunction.of("repeat", 2, 2, types -> types.get(0) != ScalarType.DYNAMIC && isWhole(types.get(1))
                ? ScalarType.DYNAMIC : null, KERNEL_HANDLES_NULLS, (a, call) -> {
                    Long count = number(a[1]);
                    if (count == null || count < 0 || count > MAX_REPEAT) {
                        return null;
                    }
                    Object value = toDynamic(call.argumentTypes().get(0), a[0]);
                    return new ArrayList<>(Collections.nCopies(count.intValue(), value));
                }, "repeat('a', 3) is [\"a\",\"a\",\"a\"]; a negative count gives null"));

        registry.add(ScalarFunction.of("zip", 2, 64, onlyDynamic(ScalarType.DYNAMIC), (a, call) -> {
            int length = 0;
            for (Object argument : a) {
                if (!(argument instanceof List<?> list)) {
                    return null;
                }
                length = Math.max(length, list.size());
            }
            List<Object> out = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                List<Object> tuple = new ArrayList<>(a.length);
                for (Object argument : a) {
                    List<?> list = (List<?>) argument;
                    tuple.add(i < list.size() ? list.get(i) : null);
                }
                out.add(tuple);
            }
            return out;
        }, "zip(dynamic([1,3]), dynamic([2])) is [[1,2],[3,null]]"));

        registry.add(ScalarFunction.of("treepath", 1, 1, onlyDynamic(ScalarType.DYNAMIC), (a, call) -> {
            Set<String> paths = new LinkedHashSet<>();
            treePaths(a[0], "", paths);
            return new ArrayList<Object>(paths);
        }, "treepath(parse_json('{\"a\":[1,{\"b\":2}]}')) is [\"['a']\",\"['a'][0]\",\"['a'][0]['b']\"]"));
    }

    private static Object arrayIff(Object[] a, ScalarFunction.Call call) {
        if (!(a[0] instanceof List<?> conditions)) {
            return null;
        }
        Object whenTrue = toDynamic(call.argumentTypes().get(1), a[1]);
        Object whenFalse = toDynamic(call.argumentTypes().get(2), a[2]);
        List<Object> out = new ArrayList<>(conditions.size());
        for (int i = 0; i < conditions.size(); i++) {
            Object condition = conditions.get(i);
            Boolean choice;
            if (condition instanceof Boolean bool) {
                choice = bool;
            } else if (condition instanceof Number number) {
                choice = number.doubleValue() != 0;
            } else {
                // The docs: a condition that is neither bool nor number gives null at its index.
                choice = null;
            }
            out.add(choice == null ? null : elementOrScalar(choice ? whenTrue : whenFalse, i));
        }
        return out;
    }

    /** An array's element at {@code index} (null past its end), or a scalar itself. */
    private static Object elementOrScalar(Object value, int index) {
        if (value instanceof List<?> list) {
            return index < list.size() ? list.get(index) : null;
        }
        return value;
    }

    private static Object arrayIndexOf(Object[] a, ScalarFunction.Call call) {
        if (!(a[0] instanceof List<?> list)) {
            return null;
        }
        Object wanted = elementKey(toDynamic(call.argumentTypes().get(1), a[1]));
        Long start = a.length > 2 ? number(a[2]) : Long.valueOf(0);
        Long length = a.length > 3 ? number(a[3]) : Long.valueOf(-1);
        Long occurrence = a.length > 4 ? number(a[4]) : Long.valueOf(1);
        if (start == null || length == null || occurrence == null || occurrence < 0 || length < -1) {
            return null;
        }
        int size = list.size();
        long from = start < 0 ? Math.max(0, size + start) : start;
        if (from >= size) {
            return -1L;
        }
        long to = length == -1 || length >= size ? size : Math.min(size, from + length);
        // Occurrence 0 is not documented; it is read as the first occurrence.
        long needed = Math.max(1, occurrence);
        long seen = 0;
        for (int i = (int) from; i < to; i++) {
            if (wanted.equals(elementKey(list.get(i))) && ++seen == needed) {
                return (long) i;
            }
        }
        return -1L;
    }

    private static Object rotateLeft(Object value, Long count) {
        if (!(value instanceof List<?> list) || count == null) {
            return null;
        }
        int size = list.size();
        List<Object> out = new ArrayList<>(size);
        if (size == 0) {
            return out;
        }
        int first = (int) Math.floorMod(count, (long) size);
        out.addAll(list.subList(first, size));
        out.addAll(list.subList(0, first));
        return out;
    }

    private static Object shiftLeft(Object[] a, ScalarFunction.Call call, boolean right) {
        Long count = number(a[1]);
        if (!(a[0] instanceof List<?> list) || count == null) {
            return null;
        }
        long by = right ? -count : count;
        Object fill = a.length > 2 ? toDynamic(call.argumentTypes().get(2), a[2]) : defaultFill(list);
        int size = list.size();
        List<Object> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long from = i + by;
            out.add(from >= 0 && from < size ? list.get((int) from) : fill);
        }
        return out;
    }

    /**
     * The docs: the default fill is "null or an empty string depending on the type of elements": an array
     * of strings (every non-null element a string) is filled with "", any other array with null.
     */
    private static Object defaultFill(List<?> list) {
        boolean anyString = false;
        for (Object element : list) {
            if (element instanceof String) {
                anyString = true;
            } else if (element != null) {
                return null;
            }
        }
        return anyString ? "" : null;
    }

    private static Object arraySplit(Object value, Object indexes) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<Long> cuts = new ArrayList<>();
        if (indexes instanceof List<?> many) {
            for (Object index : many) {
                Long cut = number(index);
                if (cut == null) {
                    return null;
                }
                cuts.add(cut);
            }
        } else {
            Long cut = number(indexes);
            if (cut == null) {
                return null;
            }
            cuts.add(cut);
        }
        int size = list.size();
        List<Object> out = new ArrayList<>(cuts.size() + 1);
        int from = 0;
        for (long cut : cuts) {
            // Negative indexes count from the end; indexes out of range or out of order are clamped, so the
            // pieces always partition the array.
            long at = cut < 0 ? size + cut : cut;
            int to = (int) Math.max(from, Math.min(size, at));
            out.add(new ArrayList<Object>(list.subList(from, to)));
            from = to;
        }
        out.add(new ArrayList<Object>(list.subList(from, size)));
        return out;
    }

    /**
     * treepath(): the paths of every node below the root, in document order, with array elements all
     * written {@code [0]} and each path listed once (the docs' examples: {@code [100,{"x":"y"}]} under 'p'
     * gives {@code ['p']}, {@code ['p'][0]}, {@code ['p'][0]['x']}).
     */
    private static void treePaths(Object node, String prefix, Set<String> paths) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String path = prefix + "['" + entry.getKey().toString().replace("\\", "\\\\").replace("'", "\\'") + "']";
                paths.add(path);
                treePaths(entry.getValue(), path, paths);
            }
        } else if (node instanceof List<?> list) {
            String path = prefix + "[0]";
            for (Object element : list) {
                paths.add(path);
                treePaths(element, path, paths);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // array_sort_asc / array_sort_desc

    private static void sorting(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule arrays = types -> {
            int last = types.size() - 1;
            boolean flag = types.get(last) == ScalarType.BOOL;
            if (flag && last == 0) {
                return null;
            }
            for (int i = 0; i < (flag ? last : types.size()); i++) {
                if (!isDynamic(types.get(i))) {
                    return null;
                }
            }
            return ScalarType.DYNAMIC;
        };
        registry.add(ScalarFunction.of("array_sort_asc", 1, 64, arrays, KERNEL_HANDLES_NULLS,
                (a, call) -> sortArrays(a, call, false),
                "array_sort_asc(dynamic([3,null,1])) is [1,3,null]; a last argument false puts nulls first"));
        registry.add(ScalarFunction.of("array_sort_desc", 1, 64, arrays, KERNEL_HANDLES_NULLS,
                (a, call) -> sortArrays(a, call, true),
                "array_sort_desc(dynamic(['a','c','b'])) is [\"c\",\"b\",\"a\"]"));
    }

    /**
     * Sorts the first array and orders the others to match. One array gives the sorted array; several give
     * an array of the sorted arrays, so {@code array_sort_asc(a, b)[1]} is b in a's order, as in the docs.
     * (Kusto returns several arrays as several columns, {@code a_sorted, b_sorted}; that needs binder
     * support for multi-column results, which the engine does not have yet.) An array whose length differs
     * from the first one's gives null in its place.
     *
     * <p>Order, per the docs: numbers, then strings, then everything else (bools, arrays, bags) in input
     * order; nulls last unless the bool argument is false. Descending order reverses the order within each
     * of these groups but keeps the groups and the null placement. Datetimes and guids inside dynamics are
     * stored as their text, so they sort with the strings (ISO datetimes still sort chronologically). The
     * sort is stable, so equal elements keep the other arrays' pairing in input order.
     */
    private static Object sortArrays(Object[] a, ScalarFunction.Call call, boolean descending) {
        int arrays = a.length;
        boolean nullsLast = true;
        if (call.argumentTypes().get(a.length - 1) == ScalarType.BOOL) {
            arrays--;
            nullsLast = !Boolean.FALSE.equals(a[a.length - 1]);
        }
        if (!(a[0] instanceof List<?> first)) {
            return null;
        }
        Integer[] order = new Integer[first.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        boolean nullsAtEnd = nullsLast;
        Comparator<Integer> comparator = (i, j) -> {
            Object x = first.get(i);
            Object y = first.get(j);
            if (x == null || y == null) {
                if (x == y) {
                    return 0;
                }
                return (x == null) == nullsAtEnd ? 1 : -1;
            }
            int groups = Integer.compare(sortGroup(x), sortGroup(y));
            if (groups != 0) {
                return groups;
            }
            int within = compareForSort(x, y);
            return descending ? -within : within;
        };
        Arrays.sort(order, comparator);
        List<Object> sorted = new ArrayList<>(arrays);
        for (int k = 0; k < arrays; k++) {
            if (a[k] instanceof List<?> list && list.size() == order.length) {
                List<Object> out = new ArrayList<>(order.length);
                for (int index : order) {
                    out.add(list.get(index));
                }
                sorted.add(out);
            } else {
                sorted.add(null);
            }
        }
        return arrays == 1 ? sorted.get(0) : sorted;
    }

    private static int sortGroup(Object value) {
        if (value instanceof Number) {
            return 0;
        }
        if (value instanceof String) {
            return 1;
        }
        return 2;
    }

    /** Within one sort group: numbers by value, strings ordinally, anything else equal (input order kept). */
    private static int compareForSort(Object x, Object y) {
        if (x instanceof Number && y instanceof Number) {
            return Values.compare(x, y);
        }
        if (x instanceof String s && y instanceof String t) {
            return s.compareTo(t);
        }
        return 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Property bags

    private static void bags(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("bag_pack", 0, Integer.MAX_VALUE, types -> types.size() % 2 == 0 ? ScalarType.DYNAMIC : null,
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (int i = 0; i + 1 < a.length; i += 2) {
                        out.put(Values.toText(call.argumentTypes().get(i), a[i]),
                                toDynamic(call.argumentTypes().get(i + 1), a[i + 1]));
                    }
                    return out;
                }, "bag_pack(\"a\", 1) is {\"a\": 1}"));
        // pack_all(true)'s bag (the binder names the row's columns): only the values isempty() is false for
        // (docs: pack-all-function.md, PackedIgnoreNullEmpty leaves out an empty Source or Target).
        registry.add(ScalarFunction.of("__bag_pack_non_empty", 0, Integer.MAX_VALUE,
                types -> types.size() % 2 == 0 ? ScalarType.DYNAMIC : null, KERNEL_HANDLES_NULLS, (a, call) -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (int i = 0; i + 1 < a.length; i += 2) {
                        if (!ConversionFunctions.isEmpty(a[i + 1])) {
                            out.put(Values.toText(call.argumentTypes().get(i), a[i]),
                                    toDynamic(call.argumentTypes().get(i + 1), a[i + 1]));
                        }
                    }
                    return out;
                }, "internal: pack_all(true), the bag of a row's non-empty columns"));
        // The docs list pack() and pack_dictionary() as deprecated aliases of bag_pack().
        registry.alias("pack", "bag_pack");
        registry.alias("pack_dictionary", "bag_pack");

        registry.add(ScalarFunction.of("bag_has_key", 2, 2, types -> isDynamic(types.get(0))
                && (types.get(1) == ScalarType.STRING || isDynamic(types.get(1))) ? ScalarType.BOOL : null, (a, call) -> {
                    if (!(a[1] instanceof String key)) {
                        return null;
                    }
                    List<Object> path = bagPath(key);
                    // A value that is not a bag, or a path the docs do not support (array indexes, the root
                    // itself), has no such key.
                    return path != null && hasPath(a[0], path);
                }, "bag_has_key(dynamic({'a':{'b':1}}), '$.a.b') is true"));

        registry.add(ScalarFunction.of("bag_keys", 1, 1, onlyDynamic(ScalarType.DYNAMIC),
                (a, call) -> a[0] instanceof Map<?, ?> map ? new ArrayList<Object>(map.keySet()) : null,
                "bag_keys(dynamic({'a':1,'b':2})) is [\"a\",\"b\"]; not a bag gives null"));

        registry.add(ScalarFunction.of("bag_merge", 2, 64, onlyDynamic(ScalarType.DYNAMIC), KERNEL_HANDLES_NULLS, (a, call) -> {
            // The docs leave the value of a key in several bags arbitrary; their example keeps the first
            // bag's, and so do we. Arguments that are not bags (null included) contribute nothing; if none
            // is a bag the result is null.
            Map<String, Object> out = null;
            for (Object argument : a) {
                if (argument instanceof Map<?, ?> map) {
                    if (out == null) {
                        out = new LinkedHashMap<>();
                    }
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        String key = entry.getKey().toString();
                        if (!out.containsKey(key)) {
                            out.put(key, entry.getValue());
                        }
                    }
                }
            }
            return out;
        }, "bag_merge(dynamic({'a':1}), dynamic({'a':2,'b':3})) is {\"a\":1,\"b\":3}"));

        registry.add(ScalarFunction.of("bag_remove_keys", 2, 2, onlyDynamic(ScalarType.DYNAMIC), (a, call) -> {
            if (!(a[0] instanceof Map<?, ?> bag)) {
                return null;
            }
            Object result = bag;
            List<?> keys = a[1] instanceof List<?> list ? list : List.of(a[1]);
            for (Object key : keys) {
                List<Object> path = key instanceof String text ? bagPath(text) : null;
                if (path != null) {
                    result = removePath(result, path, 0);
                }
            }
            return result;
        }, "bag_remove_keys(dynamic({'a':1,'b':{'c':2,'d':3}}), dynamic(['a','$.b.c'])) is {\"b\":{\"d\":3}}"));

        registry.add(ScalarFunction.of("bag_set_key", 3, 3, types -> isDynamic(types.get(0))
                && (types.get(1) == ScalarType.STRING || isDynamic(types.get(1))) ? ScalarType.DYNAMIC : null,
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    if (!(a[0] instanceof Map<?, ?> bag) || !(a[1] instanceof String key)) {
                        return null;
                    }
                    List<Object> path = bagPath(key);
                    if (path == null) {
                        // The docs: array indexing and the root path are not supported; we give null.
                        return null;
                    }
                    return setPath(bag, path, 0, toDynamic(call.argumentTypes().get(2), a[2]));
                }, "bag_set_key(dynamic({'a':1}), '$.b.c', 2) is {\"a\":1,\"b\":{\"c\":2}}"));

        registry.add(ScalarFunction.of("bag_zip", 2, 2, onlyDynamic(ScalarType.DYNAMIC), KERNEL_HANDLES_NULLS, (a, call) -> {
            if (!(a[0] instanceof List<?> keys)) {
                return null;
            }
            List<?> values = a[1] instanceof List<?> list ? list : List.of();
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                // The docs: keys that are not strings are skipped (their values with them); missing values
                // are null; values that are not an array give null for every key.
                if (keys.get(i) instanceof String key) {
                    out.put(key, i < values.size() ? values.get(i) : null);
                }
            }
            return out;
        }, "bag_zip(dynamic(['a','b']), dynamic([1])) is {\"a\":1,\"b\":null}"));
    }

    /**
     * The path of a bag key: JSONPath when it starts with {@code $} ({@code $.a.b}, {@code $['a b']}), else
     * the text is one root key. Null for what the bag functions do not support: array indexes, the root
     * itself, malformed paths.
     */
    private static List<Object> bagPath(String key) {
        List<Object> path = jsonPath(key);
        if (path == null || path.isEmpty()) {
            return null;
        }
        for (Object step : path) {
            if (!(step instanceof String)) {
                return null;
            }
        }
        return path;
    }

    /**
     * Parses Kusto's JSONPath subset ({@code $} root, {@code .name} and {@code ['name']} children,
     * {@code [n]} array subscripts) into property names (String) and indexes (Long); a text not starting
     * with {@code $} is a single root property name. Null for a malformed path or one using the parts Kusto
     * does not support (wildcards, recursion, unions, slices, filters).
     */
    static List<Object> jsonPath(String text) {
        if (!text.startsWith("$")) {
            return List.of(text);
        }
        List<Object> steps = new ArrayList<>();
        int at = 1;
        int length = text.length();
        while (at < length) {
            char c = text.charAt(at);
            if (c == '.') {
                int start = ++at;
                while (at < length && text.charAt(at) != '.' && text.charAt(at) != '[') {
                    at++;
                }
                String name = text.substring(start, at);
                if (name.isEmpty() || name.equals("*")) {
                    return null;
                }
                steps.add(name);
            } else if (c == '[') {
                at++;
                if (at < length && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
                    char quote = text.charAt(at++);
                    StringBuilder name = new StringBuilder();
                    while (at < length && text.charAt(at) != quote) {
                        if (text.charAt(at) == '\\' && at + 1 < length) {
                            at++;
                        }
                        name.append(text.charAt(at++));
                    }
                    if (at + 1 >= length || text.charAt(at + 1) != ']') {
                        return null;
                    }
                    at += 2;
                    steps.add(name.toString());
                } else {
                    int start = at;
                    while (at < length && text.charAt(at) != ']') {
                        at++;
                    }
                    if (at >= length) {
                        return null;
                    }
                    try {
                        steps.add(Long.parseLong(text.substring(start, at).trim()));
                    } catch (NumberFormatException notIndex) {
                        return null;
                    }
                    at++;
                }
            } else {
                return null;
            }
        }
        return steps;
    }

    /** The value at a parsed JSONPath, or null where the path leads nowhere (negative indexes count from the end). */
    static Object select(Object root, List<Object> path) {
        Object node = root;
        for (Object step : path) {
            if (step instanceof String name && node instanceof Map<?, ?> map) {
                node = map.get(name);
            } else if (step instanceof Long index && node instanceof List<?> list) {
                long at = index < 0 ? list.size() + index : index;
                node = at >= 0 && at < list.size() ? list.get((int) at) : null;
            } else {
                return null;
            }
        }
        return node;
    }

    private static boolean hasPath(Object root, List<Object> path) {
        Object node = root;
        for (Object step : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(step)) {
                return false;
            }
            node = map.get(step);
        }
        return true;
    }

    /** The bag without the property at {@code path}; the same object when there is nothing to remove. */
    private static Object removePath(Object node, List<Object> path, int depth) {
        if (!(node instanceof Map<?, ?> map) || !map.containsKey(path.get(depth))) {
            return node;
        }
        Object key = path.get(depth);
        if (depth == path.size() - 1) {
            Map<String, Object> copy = copyOf(map);
            copy.remove(key);
            return copy;
        }
        Object child = map.get(key);
        Object changed = removePath(child, path, depth + 1);
        if (changed == child) {
            return node;
        }
        Map<String, Object> copy = copyOf(map);
        copy.put((String) key, changed);
        return copy;
    }

    /**
     * A copy of the bag with {@code value} at {@code path}: an existing key keeps its place, a new one goes
     * last, and missing (or non-bag) intermediate properties become new bags.
     */
    private static Map<String, Object> setPath(Map<?, ?> bag, List<Object> path, int depth, Object value) {
        Map<String, Object> copy = copyOf(bag);
        String key = (String) path.get(depth);
        if (depth == path.size() - 1) {
            copy.put(key, value);
        } else {
            Map<?, ?> child = bag.get(key) instanceof Map<?, ?> existing ? existing : Map.of();
            copy.put(key, setPath(child, path, depth + 1, value));
        }
        return copy;
    }

    private static Map<String, Object> copyOf(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            copy.put(entry.getKey().toString(), entry.getValue());
        }
        return copy;
    }

    // ---------------------------------------------------------------------------------------------
    // Sets

    private static void sets(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("set_union", 2, 64, onlyDynamic(ScalarType.DYNAMIC), (a, call) -> {
            List<List<?>> arrays = arrays(a);
            if (arrays == null) {
                return null;
            }
            Map<Object, Object> distinct = new LinkedHashMap<>();
            for (List<?> array : arrays) {
                for (Object element : array) {
                    distinct.putIfAbsent(elementKey(element), element);
                }
            }
            return new ArrayList<>(distinct.values());
        }, "set_union(dynamic([1,2,1]), dynamic([3])) is [1,2,3]"));

        registry.add(ScalarFunction.of("set_intersect", 2, 64, onlyDynamic(ScalarType.DYNAMIC), (a, call) -> {
            List<List<?>> arrays = arrays(a);
            if (arrays == null) {
                return null;
            }
            List<Set<Object>> others = keySets(arrays.subList(1, arrays.size()));
            Map<Object, Object> distinct = new LinkedHashMap<>();
            for (Object element : arrays.get(0)) {
                Object key = elementKey(element);
                boolean inAll = true;
                for (Set<Object> other : others) {
                    inAll &= other.contains(key);
                }
                if (inAll) {
                    distinct.putIfAbsent(key, element);
                }
            }
            return new ArrayList<>(distinct.values());
        }, "set_intersect(dynamic([1,2,3]), dynamic([3,1])) is [1,3]"));

        registry.add(ScalarFunction.of("set_difference", 2, 64, onlyDynamic(ScalarType.DYNAMIC), (a, call) -> {
            List<List<?>> arrays = arrays(a);
            if (arrays == null) {
                return null;
            }
            List<Set<Object>> others = keySets(arrays.subList(1, arrays.size()));
            Map<Object, Object> distinct = new LinkedHashMap<>();
            for (Object element : arrays.get(0)) {
                Object key = elementKey(element);
                boolean inAny = false;
                for (Set<Object> other : others) {
                    inAny |= other.contains(key);
                }
                if (!inAny) {
                    distinct.putIfAbsent(key, element);
                }
            }
            return new ArrayList<>(distinct.values());
        }, "set_difference(dynamic([1,2,3,1]), dynamic([2])) is [1,3]"));

        registry.add(ScalarFunction.of("set_has_element", 2, 2, types -> isDynamic(types.get(0)) ? ScalarType.BOOL : null,
                (a, call) -> {
                    if (!(a[0] instanceof List<?> list)) {
                        return null;
                    }
                    Object wanted = elementKey(toDynamic(call.argumentTypes().get(1), a[1]));
                    for (Object element : list) {
                        if (wanted.equals(elementKey(element))) {
                            return true;
                        }
                    }
                    return false;
                }, "set_has_element(dynamic(['a','b']), 'b') is true"));

        registry.add(ScalarFunction.of("set_equals", 2, 2, onlyDynamic(ScalarType.BOOL), (a, call) -> {
            // Not in the docs, but in Kusto's language service: whether two arrays hold the same distinct values.
            List<List<?>> arrays = arrays(a);
            if (arrays == null) {
                return null;
            }
            List<Set<Object>> sets = keySets(arrays);
            return sets.get(0).equals(sets.get(1));
        }, "set_equals(dynamic([1,2,1]), dynamic([2,1])) is true"));

        registry.add(ScalarFunction.of("jaccard_index", 2, 2, onlyDynamic(ScalarType.REAL), (a, call) -> {
            List<List<?>> arrays = arrays(a);
            if (arrays == null) {
                return null;
            }
            List<Set<Object>> sets = keySets(arrays);
            Set<Object> union = new HashSet<>(sets.get(0));
            union.addAll(sets.get(1));
            long common = 0;
            for (Object key : sets.get(0)) {
                if (sets.get(1).contains(key)) {
                    common++;
                }
            }
            // Two empty sets are not documented: 0 / 0 gives NaN, as the formula does.
            return (double) common / union.size();
        }, "jaccard_index(dynamic([1,2,3]), dynamic([1,2,3,4])) is 0.75"));
    }

    /** The arguments as arrays, or null if any is not an array. */
    private static List<List<?>> arrays(Object[] arguments) {
        List<List<?>> arrays = new ArrayList<>(arguments.length);
        for (Object argument : arguments) {
            if (!(argument instanceof List<?> list)) {
                return null;
            }
            arrays.add(list);
        }
        return arrays;
    }

    private static List<Set<Object>> keySets(List<List<?>> arrays) {
        List<Set<Object>> sets = new ArrayList<>(arrays.size());
        for (List<?> array : arrays) {
            Set<Object> keys = new HashSet<>();
            for (Object element : array) {
                keys.add(elementKey(element));
            }
            sets.add(keys);
        }
        return sets;
    }

    /** A non-null marker for a null element, so sets and lookups can hold it. */
    private static final Object NULL_ELEMENT = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /**
     * What set and lookup functions compare: the dynamic value, with a whole real equal to the long of the
     * same value (the docs do not say whether 1 and 1.0 are one element; a value-based choice keeps
     * {@code set_has_element(arr, 1)} true for a JSON {@code 1.0}).
     */
    private static Object elementKey(Object value) {
        if (value == null) {
            return NULL_ELEMENT;
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return (long) (double) d;
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------

    /** A whole number from a typed or dynamic numeric value; null for anything else. */
    private static Long number(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Integer i) {
            return (long) i;
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            return (long) (double) d;
        }
        return null;
    }

    private static Long negate(Long value) {
        return value == null ? null : -value;
    }

    /** range(): inclusive stop; datetimes and timespans step in ticks (default 1h), numbers by 1 (semantics §5.4). */
    private static Object rangeArray(Object[] a, ScalarFunction.Call call) {
        ScalarType type = call.argumentTypes().get(0);
        List<Object> out = new ArrayList<>();
        if (type == ScalarType.DATETIME || type == ScalarType.TIMESPAN) {
            long start = ((Number) a[0]).longValue();
            long stop = ((Number) a[1]).longValue();
            long step = a.length > 2 ? ((Number) a[2]).longValue() : 3600L * 10_000_000L;
            if (step == 0) {
                return null;
            }
            int size = 0;
            for (long t = start; (step > 0 ? t <= stop : t >= stop) && size < 1_048_576; t += step) {
                size++;
            }
            return new TickArray(type, start, step, size);
        }
        boolean real = type == ScalarType.REAL || call.argumentTypes().stream().anyMatch(t -> t == ScalarType.REAL);
        if (real) {
            double start = ((Number) a[0]).doubleValue();
            double stop = ((Number) a[1]).doubleValue();
            double step = a.length > 2 ? ((Number) a[2]).doubleValue() : 1;
            if (step == 0) {
                return null;
            }
            for (long i = 0; out.size() < 1_048_576; i++) {
                double value = start + i * step;
                if (step > 0 ? value > stop : value < stop) {
                    break;
                }
                out.add(value);
            }
            return out;
        }
        long start = ((Number) a[0]).longValue();
        long stop = ((Number) a[1]).longValue();
        long step = a.length > 2 ? ((Number) a[2]).longValue() : 1;
        if (step == 0) {
            return null;
        }
        for (long value = start; (step > 0 ? value <= stop : value >= stop) && out.size() < 1_048_576; value += step) {
            out.add(value);
        }
        return out;
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
            case BOOL, LONG, REAL, STRING, DYNAMIC -> value;
        };
    }
}
