package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.engine.function.ScalarFunction.Call;
import dev.trawl.kql.types.ScalarType;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kusto's string functions. Positions and lengths count Unicode code points (as {@code strlen} does), every
 * argument that Kusto casts to a string is taken as its {@code tostring()} text, and a string result is never
 * null: where Kusto gives "no value" for a string it is the empty string. Regular expressions are RE2 syntax,
 * translated to {@code java.util.regex} by {@link Re2}.
 */
final class StringFunctions {
    private StringFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("strlen", 1, 1, Types.fixed(ScalarType.LONG), (a, call) -> {
            String text = text(a, call, 0);
            return (long) text.codePointCount(0, text.length());
        }, "strlen(\"abc\") is 3 (Unicode code points)"));
        registry.add(ScalarFunction.of("strcat", 1, 64, types -> ScalarType.STRING, KERNEL_HANDLES_NULLS, (a, call) -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < a.length; i++) {
                out.append(text(a, call, i));
            }
            return out.toString();
        }, "strcat(\"a\", 1, \"b\") is \"a1b\""));
        registry.add(ScalarFunction.of("toupper", 1, 1, Types.fixed(ScalarType.STRING),
                (a, call) -> text(a, call, 0).toUpperCase(Locale.ROOT), "toupper(\"abc\") is \"ABC\""));
        registry.add(ScalarFunction.of("tolower", 1, 1, Types.fixed(ScalarType.STRING),
                (a, call) -> text(a, call, 0).toLowerCase(Locale.ROOT), "tolower(\"ABC\") is \"abc\""));
        concatenation(registry);
        positions(registry);
        replacement(registry);
        regularExpressions(registry);
        characters(registry);
        encodings(registry);
        hashes(registry);
        parsers(registry);
        Punycode.register(registry);
    }

    // ---------------------------------------------------------------------------------------------
    // Shared helpers

    /** Argument {@code i} as the text tostring() gives it ("" for null). */
    static String text(Object[] a, Call call, int i) {
        return Values.toText(call.argumentTypes().get(i), a[i]);
    }

    /** An integer argument (int, long, real truncated, or a dynamic number), or null. */
    static Long integer(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> (long) i;
            case Double d -> Double.isFinite(d) ? (Long) (long) (double) d : null;
            case java.math.BigDecimal d -> d.longValue();
            case null, default -> null;
        };
    }

    /** The text of an element of a dynamic array: strings as they are, other values as JSON. */
    static String elementText(Object element) {
        return Values.toText(ScalarType.DYNAMIC, element);
    }

    /** A result type when the arguments at {@code numeric} positions are numbers (or dynamic); others may be anything. */
    private static ScalarFunction.TypeRule numbersAt(ScalarType result, int... numeric) {
        return types -> {
            for (int position : numeric) {
                if (position < types.size()) {
                    ScalarType type = types.get(position);
                    if (!type.isNumeric() && type != ScalarType.DYNAMIC) {
                        return null;
                    }
                }
            }
            return result;
        };
    }

    /** A result type when the arguments at {@code dynamic} positions are dynamic. */
    private static ScalarFunction.TypeRule dynamicAt(ScalarType result, int... dynamic) {
        return types -> {
            for (int position : dynamic) {
                if (position < types.size() && types.get(position) != ScalarType.DYNAMIC) {
                    return null;
                }
            }
            return result;
        };
    }

    private static ScalarFunction.TypeRule anyTo(ScalarType result) {
        return types -> result;
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The char index of code point {@code index} (clamped to the text). */
    private static int charIndex(String text, int index) {
        if (index <= 0) {
            return 0;
        }
        if (text.length() == codePoints(text)) {
            return Math.min(index, text.length());
        }
        int count = codePoints(text);
        return text.offsetByCodePoints(0, Math.min(index, count));
    }

    private static long codePointIndex(String text, int charIndex) {
        return text.codePointCount(0, charIndex);
    }

    // ---------------------------------------------------------------------------------------------
    // strcat_delim, strcat_array, strrep, reverse, split

    private static void concatenation(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("strcat_delim", 3, 65, anyTo(ScalarType.STRING), KERNEL_HANDLES_NULLS, (a, call) -> {
            String delimiter = text(a, call, 0);
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < a.length; i++) {
                if (i > 1) {
                    out.append(delimiter);
                }
                out.append(text(a, call, i));
            }
            return out.toString();
        }, "strcat_delim('-', 1, '2', 'A', 1s) is \"1-2-A-00:00:01\""));
        registry.add(ScalarFunction.of("strcat_array", 2, 2, dynamicAt(ScalarType.STRING, 0), KERNEL_HANDLES_NULLS,
                (a, call) -> {
                    if (!(a[0] instanceof List<?> list)) {
                        return "";
                    }
                    String delimiter = text(a, call, 1);
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < list.size(); i++) {
                        if (i > 0) {
                            out.append(delimiter);
                        }
                        out.append(elementText(list.get(i)));
                    }
                    return out.toString();
                }, "strcat_array(dynamic([1, 2, 3]), \"->\") is \"1->2->3\""));
        registry.add(ScalarFunction.of("strrep", 2, 3, numbersAt(ScalarType.STRING, 1), (a, call) -> {
            Long times = integer(a[1]);
            if (times == null || times <= 0) {
                return "";
            }
            // Kusto caps the multiplier at 1024 repetitions.
            int count = (int) Math.min(times, 1024);
            String value = text(a, call, 0);
            String delimiter = a.length > 2 ? text(a, call, 2) : "";
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out.append(delimiter);
                }
                out.append(value);
            }
            return out.toString();
        }, "strrep(123, 3, '.') is \"123.123.123\" (at most 1024 repetitions)"));
        registry.add(ScalarFunction.of("reverse", 1, 1, anyTo(ScalarType.STRING),
                (a, call) -> new StringBuilder(text(a, call, 0)).reverse().toString(),
                "reverse(\"abc\") is \"cba\"; other types reverse their text: reverse(123.45) is \"54.321\""));
        registry.add(ScalarFunction.of("split", 2, 3, numbersAt(ScalarType.DYNAMIC, 2), (a, call) -> {
            List<Object> parts = split(text(a, call, 0), text(a, call, 1));
            if (a.length < 3) {
                return parts;
            }
            Long index = integer(a[2]);
            // A requested index outside the parts gives an empty array.
            if (index == null || index < 0 || index >= parts.size()) {
                return new ArrayList<>();
            }
            List<Object> one = new ArrayList<>();
            one.add(parts.get(index.intValue()));
            return one;
        }, "split(\"aaa_bbb_ccc\", \"_\") is [\"aaa\",\"bbb\",\"ccc\"]; split(..., \"_\", 1) is [\"bbb\"]"));
    }

    /** Splits on every occurrence of the delimiter; an empty delimiter leaves the text whole. */
    static List<Object> split(String source, String delimiter) {
        List<Object> parts = new ArrayList<>();
        if (delimiter.isEmpty()) {
            parts.add(source);
            return parts;
        }
        int from = 0;
        while (true) {
            int at = source.indexOf(delimiter, from);
            if (at < 0) {
                parts.add(source.substring(from));
                return parts;
            }
            parts.add(source.substring(from, at));
            from = at + delimiter.length();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // substring, indexof, strcmp, countof, has_any_index

    private static void positions(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("substring", 2, 3, numbersAt(ScalarType.STRING, 1, 2), (a, call) -> {
            String source = text(a, call, 0);
            Long start = integer(a[1]);
            Long length = a.length > 2 ? integer(a[2]) : Long.valueOf(Integer.MAX_VALUE);
            if (start == null || length == null) {
                return "";
            }
            return substring(source, start, length);
        }, "substring(\"123456\", 1, 2) is \"23\"; a negative start counts from the end: substring(\"123456\", -2, 2) is \"56\""));
        registry.add(ScalarFunction.of("indexof", 2, 5, numbersAt(ScalarType.LONG, 2, 3, 4), (a, call) -> {
            Long start = a.length > 2 ? integer(a[2]) : Long.valueOf(0);
            Long length = a.length > 3 ? integer(a[3]) : Long.valueOf(-1);
            Long occurrence = a.length > 4 ? integer(a[4]) : Long.valueOf(1);
            if (start == null || length == null || occurrence == null) {
                return null;
            }
            return indexOf(text(a, call, 0), text(a, call, 1), start, length, occurrence);
        }, "indexof(\"abcdefg\", \"cde\") is 2; indexof(source, lookup, start, length, occurrence); -1 when not found"));
        registry.add(ScalarFunction.of("indexof_regex", 2, 5, numbersAt(ScalarType.LONG, 2, 3, 4), (a, call) -> {
            Long start = a.length > 2 ? integer(a[2]) : Long.valueOf(0);
            Long length = a.length > 3 ? integer(a[3]) : Long.valueOf(-1);
            Long occurrence = a.length > 4 ? integer(a[4]) : Long.valueOf(1);
            if (start == null || length == null || occurrence == null) {
                return null;
            }
            return indexOfRegex(text(a, call, 0), Re2.compile(text(a, call, 1)).pattern(), start, length, occurrence);
        }, "indexof_regex(\"abcabc\", @\"a.c\", 1) is 3; a negative start gives null"));
        registry.add(ScalarFunction.of("strcmp", 2, 2, anyTo(ScalarType.LONG), (a, call) -> {
            int order = text(a, call, 0).compareTo(text(a, call, 1));
            return (long) Integer.signum(order);
        }, "strcmp(\"abc\", \"ABC\") is 1: -1, 0 or 1 by ordinal order"));
        registry.add(ScalarFunction.of("countof", 2, 3, anyTo(ScalarType.LONG), (a, call) -> {
            String source = text(a, call, 0);
            String search = text(a, call, 1);
            String kind = a.length > 2 ? text(a, call, 2) : "normal";
            if (kind.equals("regex")) {
                Matcher matcher = Re2.compile(search).pattern().matcher(source);
                long count = 0;
                while (matcher.find()) {
                    count++;
                }
                return count;
            }
            if (!kind.equals("normal") && !kind.isEmpty()) {
                throw new IllegalArgumentException("countof(): kind must be 'normal' or 'regex', not '" + kind + "'");
            }
            if (search.isEmpty()) {
                return 0L;
            }
            // Plain matches may overlap: countof("aaaa", "aa") is 3.
            long count = 0;
            for (int at = source.indexOf(search); at >= 0; at = source.indexOf(search, at + 1)) {
                count++;
            }
            return count;
        }, "countof(\"aaaa\", \"aa\") is 3 (plain matches overlap); countof(\"ababa\", \"aba\", \"regex\") is 1"));
        registry.add(ScalarFunction.of("has_any_index", 2, 2, dynamicAt(ScalarType.LONG, 1), KERNEL_HANDLES_NULLS,
                (a, call) -> {
                    if (!(a[1] instanceof List<?> lookups)) {
                        return -1L;
                    }
                    String source = Values.asciiLower(text(a, call, 0));
                    for (int i = 0; i < lookups.size(); i++) {
                        String lookup = Values.asciiLower(elementText(lookups.get(i)));
                        if (OperatorFunctions.hasTerm(source, lookup, true, true)) {
                            return (long) i;
                        }
                    }
                    return -1L;
                }, "has_any_index(\"this is an example\", dynamic(['not', 'example'])) is 1; -1 when none matches"));
    }

    /** Kusto's clamping: a negative start counts from the end (at most to 0); a negative length takes nothing. */
    static String substring(String source, long start, long length) {
        int count = codePoints(source);
        if (start < 0) {
            start = Math.max(0, count + start);
        }
        if (start >= count || length <= 0) {
            return "";
        }
        long end = Math.min(count, start + length);
        return source.substring(charIndex(source, (int) start), charIndex(source, (int) end));
    }

    /**
     * indexof: the window is {@code length} code points from {@code start} (all of the rest for -1) and a match must
     * lie inside it; a later occurrence is looked for from one past the previous match, with a window of the same
     * length from there (this reproduces the documented {@code indexof("abcdefgabcdefg", "cde", 1, 10, 2)} = 9).
     * A negative start counts from the end; a length below -1 or an occurrence below 1 gives null.
     */
    static Long indexOf(String source, String lookup, long start, long length, long occurrence) {
        if (length < -1 || occurrence < 1) {
            return null;
        }
        int[] text = source.codePoints().toArray();
        int[] needle = lookup.codePoints().toArray();
        if (start < 0) {
            start = Math.max(0, text.length + start);
        }
        long from = start;
        for (long found = 0; ; ) {
            if (from > text.length) {
                return -1L;
            }
            long end = length == -1 ? text.length : Math.min(text.length, from + length);
            int at = find(text, needle, (int) from, (int) end);
            if (at < 0) {
                return -1L;
            }
            if (++found == occurrence) {
                return (long) at;
            }
            from = at + 1L;
        }
    }

    private static int find(int[] text, int[] needle, int from, int end) {
        outer:
        for (int i = from; i + needle.length <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (text[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** indexof_regex: successive non-overlapping matches inside the window; a negative start gives null. */
    static Long indexOfRegex(String source, Pattern pattern, long start, long length, long occurrence) {
        if (start < 0 || length < -1 || occurrence < 1) {
            return null;
        }
        int count = codePoints(source);
        if (start > count) {
            return -1L;
        }
        long end = length == -1 ? count : Math.min(count, start + length);
        Matcher matcher = pattern.matcher(source);
        matcher.region(charIndex(source, (int) start), charIndex(source, (int) end));
        for (long found = 0; matcher.find(); ) {
            if (++found == occurrence) {
                return codePointIndex(source, matcher.start());
            }
        }
        return -1L;
    }

    // ---------------------------------------------------------------------------------------------
    // replace_string, replace_strings, translate

    private static void replacement(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("replace_string", 3, 3, anyTo(ScalarType.STRING), (a, call) -> {
            String source = text(a, call, 0);
            String lookup = text(a, call, 1);
            // An empty lookup matches nothing (Java's replace would insert the rewrite between every character).
            return lookup.isEmpty() ? source : source.replace(lookup, text(a, call, 2));
        }, "replace_string(\"A cat\", \"cat\", \"hamster\") is \"A hamster\""));
        registry.add(ScalarFunction.of("replace_strings", 3, 3, dynamicAt(ScalarType.STRING, 1, 2), KERNEL_HANDLES_NULLS,
                (a, call) -> {
                    String source = text(a, call, 0);
                    if (!(a[1] instanceof List<?> lookups) || !(a[2] instanceof List<?> rewrites)) {
                        return source;
                    }
                    return replaceStrings(source, lookups, rewrites);
                }, "replace_strings(\"a cat and a dog\", dynamic(['cat', 'dog']), dynamic(['dog', 'pigeon'])) swaps at once"));
        registry.add(ScalarFunction.of("translate", 3, 3, anyTo(ScalarType.STRING), (a, call) -> {
            int[] search = text(a, call, 0).codePoints().toArray();
            int[] replace = text(a, call, 1).codePoints().toArray();
            StringBuilder out = new StringBuilder();
            text(a, call, 2).codePoints().forEach(c -> {
                int at = -1;
                for (int i = 0; i < search.length; i++) {
                    if (search[i] == c) {
                        at = i;
                        break;
                    }
                }
                if (at < 0) {
                    out.appendCodePoint(c);
                } else if (replace.length > 0) {
                    // A shorter replacement list repeats its last character; an empty one deletes.
                    out.appendCodePoint(replace[Math.min(at, replace.length - 1)]);
                }
            });
            return out.toString();
        }, "translate(\"krasp\", \"otsku\", \"spark\") is \"kusto\"; translate(\"abc\", \"\", \"ab\") is \"\""));
    }

    /**
     * All lookups at once, none re-replaced: earlier lookups win, and a later lookup's match that overlaps an
     * earlier lookup's match is dropped (so lookups ['is', 'This'] turn "This is" into "Thwas was", as documented).
     * A missing or non-string rewrite keeps the matched text.
     */
    static String replaceStrings(String source, List<?> lookups, List<?> rewrites) {
        int n = source.length();
        int[] claimedBy = new int[n];
        java.util.Arrays.fill(claimedBy, -1);
        int[] matchLength = new int[n];
        int[] matchLookup = new int[n];
        java.util.Arrays.fill(matchLookup, -1);
        for (int k = 0; k < lookups.size(); k++) {
            String lookup = elementText(lookups.get(k));
            if (lookup.isEmpty()) {
                continue;
            }
            for (int at = source.indexOf(lookup); at >= 0; ) {
                int end = at + lookup.length();
                boolean free = true;
                for (int i = at; i < end; i++) {
                    if (claimedBy[i] >= 0) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    for (int i = at; i < end; i++) {
                        claimedBy[i] = k;
                    }
                    matchLength[at] = lookup.length();
                    matchLookup[at] = k;
                    at = source.indexOf(lookup, end);
                } else {
                    at = source.indexOf(lookup, at + 1);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; ) {
            int k = matchLookup[i];
            if (k >= 0) {
                // A rewrite that is not a string leaves its match as it is (documented with a rewrite of 12345).
                Object rewrite = k < rewrites.size() ? rewrites.get(k) : null;
                out.append(rewrite instanceof String text ? text : source.substring(i, i + matchLength[i]));
                i += matchLength[i];
            } else {
                out.append(source.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Regular expressions: replace_regex, extract, extract_all, trim*, regex_quote

    private static void regularExpressions(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("replace_regex", 3, 3, anyTo(ScalarType.STRING),
                (a, call) -> replaceRegex(text(a, call, 0), Re2.compile(text(a, call, 1)).pattern(), text(a, call, 2)),
                "replace_regex(\"Number is 1\", @'is (\\d+)', @'was: \\1') is \"Number was: 1\""));
        registry.alias("replace", "replace_regex");
        // The optional fourth argument is typeof(T) (a typed null from the binder): the match converted to T, or
        // null when it does not convert (extract-function.md: extract(@"-(\d{2})-", 1, s, typeof(int))).
        registry.add(ScalarFunction.of("extract", 3, 4, types -> {
            ScalarFunction.TypeRule base = numbersAt(ScalarType.STRING, 1);
            return base.resolve(types) == null ? null : types.size() > 3 ? types.get(3) : ScalarType.STRING;
        }, ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS, (a, call) -> {
            boolean typed = call.resultType() != ScalarType.STRING;
            if (a[0] == null || a[1] == null || a[2] == null) {
                return typed ? null : "";
            }
            Long group = integer(a[1]);
            Matcher matcher = Re2.compile(text(a, call, 0)).pattern().matcher(text(a, call, 2));
            if (group == null || group < 0 || group > matcher.groupCount() || !matcher.find()) {
                return typed ? null : "";
            }
            String value = matcher.group(group.intValue());
            if (!typed) {
                return value == null ? "" : value;
            }
            return value == null ? null : fromText(value, call.resultType(), call);
        }, "extract(\"x=([0-9]+)\", 1, \"x=42\") is \"42\"; no match gives \"\"; a fourth typeof(long) converts"));
        registry.add(ScalarFunction.of("extract_all", 2, 3, anyTo(ScalarType.DYNAMIC), (a, call) -> {
            Re2.Compiled regex = Re2.compile(text(a, call, 0));
            Object groups = a.length == 3 ? a[1] : null;
            String source = text(a, call, a.length - 1);
            return extractAll(regex, groups, source);
        }, "extract_all(@\"(\\d+)\", \"a1b22\") is [\"1\",\"22\"]; several groups give an array per match"));
        registry.add(ScalarFunction.of("trim", 2, 2, anyTo(ScalarType.STRING),
                (a, call) -> trim(Re2.compile(text(a, call, 0)), text(a, call, 1), true, true),
                "trim(\"--\", \"--a--\") is \"a\": removes leading and trailing matches of the regex"));
        registry.add(ScalarFunction.of("trim_start", 2, 2, anyTo(ScalarType.STRING),
                (a, call) -> trim(Re2.compile(text(a, call, 0)), text(a, call, 1), true, false),
                "trim_start(@\"[^\\w]+\", \"- a\") is \"a\""));
        registry.add(ScalarFunction.of("trim_end", 2, 2, anyTo(ScalarType.STRING),
                (a, call) -> trim(Re2.compile(text(a, call, 0)), text(a, call, 1), false, true),
                "trim_end(\".com\", \"bing.com\") is \"bing\""));
        registry.add(ScalarFunction.of("regex_quote", 1, 1, anyTo(ScalarType.STRING),
                (a, call) -> regexQuote(text(a, call, 0)), "regex_quote(\"a.b\") is \"a\\.b\""));
    }

    /**
     * RE2's rewrite: {@code \0} is the whole match, {@code \1}..{@code \9} the groups, {@code \\} a backslash; every
     * other character (including {@code $}) is literal. A group that did not take part gives the empty string.
     */
    static String replaceRegex(String source, Pattern pattern, String rewrite) {
        Matcher matcher = pattern.matcher(source);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(source, last, matcher.start());
            for (int i = 0; i < rewrite.length(); i++) {
                char c = rewrite.charAt(i);
                if (c == '\\' && i + 1 < rewrite.length()) {
                    char next = rewrite.charAt(i + 1);
                    if (next >= '0' && next <= '9') {
                        int group = next - '0';
                        String value = group <= matcher.groupCount() ? matcher.group(group) : null;
                        out.append(value == null ? "" : value);
                        i++;
                        continue;
                    }
                    if (next == '\\') {
                        out.append('\\');
                        i++;
                        continue;
                    }
                }
                out.append(c);
            }
            last = matcher.end();
        }
        out.append(source, last, source.length());
        return out.toString();
    }

    /**
     * extract_all: each match's selected groups. With one selected group the result is a flat array of strings;
     * with several, an array per match. A regex without groups selects the whole match. No match gives null.
     * Groups are selected by number or, for {@code (?P<name>...)}, by name.
     */
    static Object extractAll(Re2.Compiled regex, Object groupsArgument, String source) {
        Matcher matcher = regex.pattern().matcher(source);
        List<Integer> groups = new ArrayList<>();
        if (groupsArgument instanceof List<?> requested) {
            for (Object group : requested) {
                int number;
                if (group instanceof String name) {
                    number = regex.groupNames().indexOf(name);
                } else {
                    Long value = integer(group);
                    number = value == null ? -1 : value.intValue();
                }
                if (number < 0 || number > matcher.groupCount()) {
                    throw new IllegalArgumentException("extract_all(): no capture group " + group);
                }
                groups.add(number);
            }
        } else if (matcher.groupCount() == 0) {
            groups.add(0);
        } else {
            for (int g = 1; g <= matcher.groupCount(); g++) {
                groups.add(g);
            }
        }
        List<Object> matches = new ArrayList<>();
        while (matcher.find()) {
            if (groups.size() == 1) {
                String value = matcher.group(groups.get(0));
                matches.add(value == null ? "" : value);
            } else {
                List<Object> row = new ArrayList<>();
                for (int group : groups) {
                    String value = matcher.group(group);
                    row.add(value == null ? "" : value);
                }
                matches.add(row);
            }
        }
        return matches.isEmpty() ? null : matches;
    }

    /** Removes every leading and/or trailing run of matches of the regex. */
    static String trim(Re2.Compiled regex, String source, boolean start, boolean end) {
        String body = regex.javaSource();
        int from = 0;
        int to = source.length();
        if (start) {
            Matcher leading = Re2.compileJava("\\A(?:" + body + ")+").matcher(source);
            if (leading.find() && leading.end() > 0) {
                from = leading.end();
            }
        }
        if (end && from < to) {
            Matcher trailing = Re2.compileJava("(?:" + body + ")+\\z").matcher(source);
            trailing.region(from, to);
            if (trailing.find()) {
                to = trailing.start();
            }
        }
        return source.substring(from, to);
    }

    /** Escapes RE2's metacharacters so the text matches itself. */
    static String regexQuote(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // string_size, isascii, isutf8, tohex, unicode code points

    private static void characters(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("string_size", 1, 1, anyTo(ScalarType.LONG),
                (a, call) -> (long) text(a, call, 0).getBytes(StandardCharsets.UTF_8).length,
                "string_size(\"⒦⒰⒮⒯⒪\") is 15: the UTF-8 size in bytes"));
        registry.add(ScalarFunction.of("isascii", 1, 1, anyTo(ScalarType.BOOL), (a, call) -> {
            String text = text(a, call, 0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 127) {
                    return false;
                }
            }
            return true;
        }, "isascii(\"some string\") is true"));
        registry.add(ScalarFunction.of("isutf8", 1, 1, anyTo(ScalarType.BOOL), (a, call) -> {
            // Text here is always Unicode; only an unpaired surrogate has no UTF-8 form.
            try {
                StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text(a, call, 0)));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }, "isutf8(\"some string\") is true"));
        registry.add(ScalarFunction.of("tohex", 1, 2, types -> {
            ScalarType value = types.get(0);
            boolean integral = value == ScalarType.INT || value == ScalarType.LONG || value == ScalarType.DYNAMIC;
            boolean width = types.size() < 2 || types.get(1).isNumeric() || types.get(1) == ScalarType.DYNAMIC;
            return integral && width ? ScalarType.STRING : null;
        }, (a, call) -> {
            String hex;
            if (a[0] instanceof Integer i) {
                hex = Integer.toHexString(i);
            } else if (a[0] instanceof Long l) {
                hex = Long.toHexString(l);
            } else {
                return "";
            }
            Long minimum = a.length > 1 ? integer(a[1]) : Long.valueOf(0);
            if (minimum != null && minimum > hex.length()) {
                hex = "0".repeat((int) Math.min(minimum - hex.length(), 1024)) + hex;
            }
            return hex;
        }, "tohex(256) is \"100\"; negatives are two's complement: tohex(-256) is \"ffffffffffffff00\""));
        registry.add(ScalarFunction.of("unicode_codepoints_from_string", 1, 1, anyTo(ScalarType.DYNAMIC), (a, call) -> {
            List<Object> out = new ArrayList<>();
            text(a, call, 0).codePoints().forEach(c -> out.add((long) c));
            return out;
        }, "unicode_codepoints_from_string(\"Kusto\") is [75,117,115,116,111]"));
        registry.alias("to_utf8", "unicode_codepoints_from_string");
        registry.add(ScalarFunction.of("unicode_codepoints_to_string", 1, 64, types -> {
            for (ScalarType type : types) {
                if (type != ScalarType.INT && type != ScalarType.LONG && type != ScalarType.DYNAMIC) {
                    return null;
                }
            }
            return ScalarType.STRING;
        }, KERNEL_HANDLES_NULLS, (a, call) -> {
            StringBuilder out = new StringBuilder();
            for (Object value : a) {
                if (value instanceof List<?> list) {
                    for (Object element : list) {
                        appendCodePoint(out, element);
                    }
                } else {
                    appendCodePoint(out, value);
                }
            }
            return out.toString();
        }, "unicode_codepoints_to_string(75, 117, 115, 116, 111) is \"Kusto\"; arrays are flattened"));
        registry.alias("make_string", "unicode_codepoints_to_string");
    }

    private static void appendCodePoint(StringBuilder out, Object value) {
        Long code = integer(value);
        if (code != null && code >= 0 && code <= Character.MAX_CODE_POINT && !(code >= 0xD800 && code <= 0xDFFF)) {
            out.appendCodePoint(code.intValue());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // URL and base64 encodings, gzip and zlib

    private static void encodings(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("url_encode", 1, 1, anyTo(ScalarType.STRING),
                (a, call) -> urlEncode(text(a, call, 0), "+"),
                "url_encode(\"a b/c\") is \"a+b%2fc\" (lower-case hex, space as +)"));
        registry.add(ScalarFunction.of("url_encode_component", 1, 1, anyTo(ScalarType.STRING),
                (a, call) -> urlEncode(text(a, call, 0), "%20"), "url_encode_component(\"a b/c\") is \"a%20b%2fc\""));
        registry.add(ScalarFunction.of("url_decode", 1, 1, anyTo(ScalarType.STRING), (a, call) -> urlDecode(text(a, call, 0)),
                "url_decode(\"https%3a%2f%2fwww.bing.com%2f\") is \"https://www.bing.com/\""));

        registry.add(ScalarFunction.of("base64_encode_tostring", 1, 1, anyTo(ScalarType.STRING),
                (a, call) -> java.util.Base64.getEncoder().encodeToString(text(a, call, 0).getBytes(StandardCharsets.UTF_8)),
                "base64_encode_tostring(\"Kusto\") is \"S3VzdG8=\""));
        registry.alias("base64_encodestring", "base64_encode_tostring");
        registry.add(ScalarFunction.of("base64_decode_tostring", 1, 1, anyTo(ScalarType.STRING), (a, call) -> {
            byte[] bytes = base64Decode(text(a, call, 0));
            // Bytes that are not UTF-8 give the empty string, as documented.
            return bytes == null ? "" : utf8OrEmpty(bytes);
        }, "base64_decode_tostring(\"S3VzdG8=\") is \"Kusto\"; bytes that are not UTF-8 give \"\""));
        registry.alias("base64_decodestring", "base64_decode_tostring");
        registry.add(ScalarFunction.of("base64_decode_toarray", 1, 1, anyTo(ScalarType.DYNAMIC), (a, call) -> {
            byte[] bytes = base64Decode(text(a, call, 0));
            if (bytes == null) {
                return null;
            }
            List<Object> out = new ArrayList<>(bytes.length);
            for (byte b : bytes) {
                out.add((long) (b & 0xFF));
            }
            return out;
        }, "base64_decode_toarray(\"S3VzdG8=\") is [75,117,115,116,111]; invalid base64 gives null"));
        registry.add(ScalarFunction.of("base64_encode_fromarray", 1, 1, dynamicAt(ScalarType.STRING, 0), KERNEL_HANDLES_NULLS,
                (a, call) -> {
                    if (!(a[0] instanceof List<?> list)) {
                        return "";
                    }
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        Long value = list.get(i) instanceof Double ? null : integer(list.get(i));
                        if (value == null || value < 0 || value > 255) {
                            return "";
                        }
                        bytes[i] = (byte) (long) value;
                    }
                    return java.util.Base64.getEncoder().encodeToString(bytes);
                }, "base64_encode_fromarray(dynamic([75,117,115,116,111])) is \"S3VzdG8=\""));
        registry.add(ScalarFunction.of("base64_encode_fromguid", 1, 1, types -> types.get(0) == ScalarType.GUID
                        || types.get(0) == ScalarType.DYNAMIC ? ScalarType.STRING : null,
                (a, call) -> a[0] instanceof java.util.UUID uuid
                        ? java.util.Base64.getEncoder().encodeToString(guidBytes(uuid)) : "",
                "base64_encode_fromguid(toguid(\"ae3133f2-6e22-49ae-b06a-16e6a9b212eb\")) is \"8jMxriJurkmwahbmqbIS6w==\""));
        registry.add(ScalarFunction.of("base64_decode_toguid", 1, 1, anyTo(ScalarType.GUID), (a, call) -> {
            byte[] bytes = base64Decode(text(a, call, 0));
            return bytes == null || bytes.length != 16 ? null : guidFromBytes(bytes);
        }, "base64_decode_toguid(\"JpbpECu8dUy7Pv5gbeJXAA==\") is 10e99626-bc2b-754c-bb3e-fe606de25700"));

        registry.add(ScalarFunction.of("gzip_compress_to_base64_string", 1, 1, anyTo(ScalarType.STRING),
                (a, call) -> java.util.Base64.getEncoder().encodeToString(Compression.gzip(
                        text(a, call, 0).getBytes(StandardCharsets.UTF_8))),
                "gzip_compress_to_base64_string(\"1234567890qwertyuiop\") is \"H4sIAAAAAAAA/wEUAOv/MTIz...\""));
        registry.add(ScalarFunction.of("gzip_decompress_from_base64_string", 1, 1, anyTo(ScalarType.STRING), (a, call) -> {
            byte[] bytes = base64Decode(text(a, call, 0));
            byte[] plain = bytes == null ? null : Compression.gunzip(bytes);
            return plain == null ? "" : utf8OrEmpty(plain);
        }, "gzip_decompress_from_base64_string(gzip_compress_to_base64_string(\"a\")) is \"a\"; invalid input gives \"\""));
        registry.add(ScalarFunction.of("zlib_compress_to_base64_string", 1, 1, anyTo(ScalarType.STRING),
                (a, call) -> java.util.Base64.getEncoder().encodeToString(Compression.zlib(
                        text(a, call, 0).getBytes(StandardCharsets.UTF_8))),
                "zlib_compress_to_base64_string(\"1234567890qwertyuiop\") is \"eAEBFADr/zEyMzQ1Njc4OTBxd2VydHl1aW9wOAkGdw==\""));
        registry.add(ScalarFunction.of("zlib_decompress_from_base64_string", 1, 1, anyTo(ScalarType.STRING), (a, call) -> {
            byte[] bytes = base64Decode(text(a, call, 0));
            byte[] plain = bytes == null ? null : Compression.inflate(bytes);
            return plain == null ? "" : utf8OrEmpty(plain);
        }, "zlib_decompress_from_base64_string(\"eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4=\") is \"Test string 123\""));
    }

    /** Letters, digits and {@code -_.!*()} stay; other bytes of the UTF-8 form become {@code %xx} (lower case). */
    static String urlEncode(String text, String space) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.!*()".indexOf(c) >= 0) {
                out.append((char) c);
            } else if (c == ' ') {
                out.append(space);
            } else {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return out.toString();
    }

    /** {@code %xx} to bytes (UTF-8) and {@code +} to a space; a malformed escape stays as it is. */
    static String urlDecode(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    /** Strict base64: padded to a multiple of four (Java's decoder would accept missing padding), else null. */
    static byte[] base64Decode(String text) {
        if (text.length() % 4 != 0) {
            return null;
        }
        try {
            return java.util.Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String utf8OrEmpty(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "";
        }
    }

    /** A GUID's 16 bytes in .NET's order: the first three fields little-endian, the rest as written. */
    static byte[] guidBytes(java.util.UUID uuid) {
        ByteBuffer big = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        byte[] b = big.array();
        return new byte[] {b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]};
    }

    /**
     * The inverse of {@link #guidBytes}. The docs' one example of base64_decode_toguid shows the third group's two
     * bytes in written order (754c where .NET's order gives 4c75), which would contradict the documented
     * base64_encode_fromguid example; .NET's order is kept so that decoding undoes encoding.
     */
    static java.util.UUID guidFromBytes(byte[] d) {
        byte[] b = {d[3], d[2], d[1], d[0], d[5], d[4], d[7], d[6], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]};
        ByteBuffer buffer = ByteBuffer.wrap(b);
        return new java.util.UUID(buffer.getLong(), buffer.getLong());
    }

    /**
     * gzip and zlib as Kusto writes them. Both documented outputs ({@code H4sIAAAAAAAA/wEUAOv/...} and
     * {@code eAEBFADr/...}) hold a single stored (uncompressed) deflate block, with a gzip header of mtime 0 and OS 255
     * and a zlib header 78 01: that is what deflate at level 0 writes, so level 0 is used to give the same bytes.
     * Decompression accepts any level.
     */
    static final class Compression {
        private static final int LIMIT = 64 << 20;

        private Compression() {
        }

        static byte[] deflate(byte[] input, boolean zlibWrapper) {
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.NO_COMPRESSION, !zlibWrapper);
            try {
                deflater.setInput(input);
                deflater.finish();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
                return out.toByteArray();
            } finally {
                deflater.end();
            }
        }

        static byte[] zlib(byte[] input) {
            return deflate(input, true);
        }

        static byte[] gzip(byte[] input) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(input);
            byte[] body = deflate(input, false);
            ByteBuffer out = ByteBuffer.allocate(10 + body.length + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            out.put(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
            out.put(body);
            out.putInt((int) crc.getValue());
            out.putInt(input.length);
            return out.array();
        }

        /** zlib-wrapped deflate data, or null if it is not. */
        static byte[] inflate(byte[] input) {
            java.util.zip.Inflater inflater = new java.util.zip.Inflater();
            try {
                inflater.setInput(input);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        return null;
                    }
                    out.write(buffer, 0, n);
                    if (out.size() > LIMIT) {
                        return null;
                    }
                }
                return out.toByteArray();
            } catch (java.util.zip.DataFormatException e) {
                return null;
            } finally {
                inflater.end();
            }
        }

        /** gzip data, or null if it is not. */
        static byte[] gunzip(byte[] input) {
            try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(input))) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    if (out.size() > LIMIT) {
                        return null;
                    }
                }
                return out.toByteArray();
            } catch (java.io.IOException e) {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // hash (xxHash64), hash_combine, hash_many, hash_sha256, hash_sha1, hash_md5

    private static void hashes(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule hashType = types -> types.size() < 2 || types.get(1).isNumeric()
                || types.get(1) == ScalarType.DYNAMIC ? ScalarType.LONG : null;
        ScalarFunction.ValueKernel hash = (a, call) -> {
            long value = XxHash64.hash(hashBytes(call.argumentTypes().get(0), a[0]));
            if (a.length < 2) {
                return value;
            }
            Long modulo = integer(a[1]);
            // The hash is unsigned in Kusto, so the remainder is taken unsigned: always in [0, mod).
            return modulo == null || modulo <= 0 ? null : (Object) Long.remainderUnsigned(value, modulo);
        };
        registry.add(ScalarFunction.of("hash", 1, 2, hashType, hash,
                "hash(\"World\") is 1846988464401551951 (xxHash64); hash(\"World\", 100) is 51"));
        registry.add(ScalarFunction.of("hash_xxhash64", 1, 2, hashType, hash,
                "hash_xxhash64(\"World\") is 1846988464401551951"));
        registry.add(ScalarFunction.of("hash_combine", 2, 64, types -> {
            for (ScalarType type : types) {
                if (!type.isNumeric() && type != ScalarType.DYNAMIC) {
                    return null;
                }
            }
            return ScalarType.LONG;
        }, (a, call) -> {
            Long combined = integer(a[0]);
            for (int i = 1; i < a.length && combined != null; i++) {
                Long value = integer(a[i]);
                combined = value == null ? null : combine(combined, value);
            }
            return combined;
        }, "hash_combine(hash(\"Hello\"), hash(\"World\")): one hash of several (not bit-identical to Kusto)"));
        registry.add(ScalarFunction.of("hash_many", 1, 64, anyTo(ScalarType.LONG), KERNEL_HANDLES_NULLS, (a, call) -> {
            long combined = 0;
            for (int i = 0; i < a.length; i++) {
                long value = XxHash64.hash(hashBytes(call.argumentTypes().get(i), a[i]));
                combined = i == 0 ? value : combine(combined, value);
            }
            return combined;
        }, "hash_many(\"Hello\", \"World\") is hash_combine(hash(\"Hello\"), hash(\"World\"))"));
        registry.add(ScalarFunction.of("hash_sha256", 1, 1, anyTo(ScalarType.STRING), (a, call) -> digest("SHA-256", a, call),
                "hash_sha256(\"World\") is \"78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524\""));
        registry.add(ScalarFunction.of("hash_sha1", 1, 1, anyTo(ScalarType.STRING), (a, call) -> digest("SHA-1", a, call),
                "hash_sha1(\"World\") is \"70c07ec18ef89c5309bbb0937f3a6342411e1fdd\""));
        registry.add(ScalarFunction.of("hash_md5", 1, 1, anyTo(ScalarType.STRING), (a, call) -> digest("MD5", a, call),
                "hash_md5(\"World\") is \"f5a7924e621e84c9280a9a27e1bcb7f6\""));
    }

    /**
     * The bytes hash() digests: a string's UTF-8, a datetime's or timespan's ticks and a long as 8 little-endian
     * bytes (this reproduces the documented {@code hash(datetime("2015-01-01"))}), an int as 4, a real's IEEE bits,
     * a bool as one byte, a guid in .NET byte order, anything else its text.
     */
    static byte[] hashBytes(ScalarType type, Object value) {
        ByteBuffer buffer = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return switch (value) {
            case null -> new byte[0];
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case Long l -> buffer.putLong(l).array();
            case Integer i -> java.util.Arrays.copyOf(buffer.putInt(i).array(), 4);
            case Double d -> buffer.putDouble(d).array();
            case Boolean b -> new byte[] {(byte) (b ? 1 : 0)};
            case java.util.UUID uuid -> guidBytes(uuid);
            default -> Values.toText(type, value).getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * Combines two hashes. Kusto's combination is not documented, and none of the usual ones (boost's, .NET's
     * HashCode, xxHash of the pair, 31*h+v, ...) reproduces the documented {@code hash_combine(753694413698530628,
     * 1846988464401551951) = -1440138333540407281}; this is boost's 64-bit hash_combine, order-sensitive like
     * Kusto's, so results group the same way but do not equal Kusto's numbers.
     */
    static long combine(long seed, long value) {
        return seed ^ (value + 0x9e3779b97f4a7c15L + (seed << 6) + (seed >>> 2));
    }

    /** MD5 and SHA digests of the value's text, as lower-case hex (hash_md5(datetime(...)) hashes its ISO text). */
    private static String digest(String algorithm, Object[] a, Call call) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance(algorithm).digest(text(a, call, 0).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** xxHash64 with seed 0 (Yann Collet's algorithm, written from its specification). */
    static final class XxHash64 {
        private static final long P1 = 0x9E3779B185EBCA87L;
        private static final long P2 = 0xC2B2AE3D27D4EB4FL;
        private static final long P3 = 0x165667B19E3779F9L;
        private static final long P4 = 0x85EBCA77C2B2AE63L;
        private static final long P5 = 0x27D4EB2F165667C5L;

        private XxHash64() {
        }

        static long hash(byte[] input) {
            ByteBuffer data = ByteBuffer.wrap(input).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int length = input.length;
            int i = 0;
            long h;
            if (length >= 32) {
                long v1 = P1 + P2;
                long v2 = P2;
                long v3 = 0;
                long v4 = -P1;
                for (; i + 32 <= length; i += 32) {
                    v1 = round(v1, data.getLong(i));
                    v2 = round(v2, data.getLong(i + 8));
                    v3 = round(v3, data.getLong(i + 16));
                    v4 = round(v4, data.getLong(i + 24));
                }
                h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
                h = merge(h, v1);
                h = merge(h, v2);
                h = merge(h, v3);
                h = merge(h, v4);
            } else {
                h = P5;
            }
            h += length;
            for (; i + 8 <= length; i += 8) {
                h ^= round(0, data.getLong(i));
                h = Long.rotateLeft(h, 27) * P1 + P4;
            }
            if (i + 4 <= length) {
                h ^= (data.getInt(i) & 0xFFFFFFFFL) * P1;
                h = Long.rotateLeft(h, 23) * P2 + P3;
                i += 4;
            }
            for (; i < length; i++) {
                h ^= (input[i] & 0xFFL) * P5;
                h = Long.rotateLeft(h, 11) * P1;
            }
            h ^= h >>> 33;
            h *= P2;
            h ^= h >>> 29;
            h *= P3;
            h ^= h >>> 32;
            return h;
        }

        private static long round(long accumulator, long input) {
            return Long.rotateLeft(accumulator + input * P2, 31) * P1;
        }

        private static long merge(long h, long value) {
            return (h ^ round(0, value)) * P1 + P4;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // parse_url, parse_urlquery, parse_path, parse_csv, parse_command_line, parse_version, format_bytes, extract_json

    /** parse_user_agent's look_for: one of "browser", "os", "device", or an array of them. */
    private static java.util.Set<UserAgents.Part> userAgentParts(Object lookFor) {
        java.util.Set<UserAgents.Part> parts = java.util.EnumSet.noneOf(UserAgents.Part.class);
        for (Object name : lookFor instanceof List<?> list ? list : List.of(lookFor)) {
            parts.add(switch (name instanceof String text ? text.toLowerCase(Locale.ROOT) : String.valueOf(name)) {
                case "browser" -> UserAgents.Part.BROWSER;
                case "os" -> UserAgents.Part.OS;
                case "device" -> UserAgents.Part.DEVICE;
                default -> throw new IllegalArgumentException("parse_user_agent looks for \"browser\", \"os\" or "
                        + "\"device\" (or an array of them), not " + name);
            });
        }
        return parts;
    }

    private static void parsers(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("parse_url", 1, 1, anyTo(ScalarType.DYNAMIC), (a, call) -> parseUrl(text(a, call, 0)),
                "parse_url(\"https://u:p@host:1234/a/b?k=v#f\") is a bag of Scheme, Host, Port, Path, Username, Password, "
                        + "Query Parameters, Fragment"));
        registry.alias("parseurl", "parse_url");
        registry.add(ScalarFunction.of("parse_user_agent", 2, 2, types -> types.get(1) == ScalarType.STRING
                        || types.get(1) == ScalarType.DYNAMIC ? ScalarType.DYNAMIC : null,
                (a, call) -> UserAgents.instance().parse(text(a, call, 0), userAgentParts(a[1])),
                "parse_user_agent(agent, \"browser\") is {\"Browser\": {\"Family\": ..., \"MajorVersion\": ...}}; "
                        + "look_for is \"browser\", \"os\", \"device\" or an array of them"));
        registry.add(ScalarFunction.of("parse_urlquery", 1, 1, anyTo(ScalarType.DYNAMIC), (a, call) -> {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            String query = text(a, call, 0);
            out.put("Query Parameters", queryParameters(query.startsWith("?") ? query.substring(1) : query));
            return out;
        }, "parse_urlquery(\"k1=v1&k2=v2\") is {\"Query Parameters\": {\"k1\": \"v1\", \"k2\": \"v2\"}}"));
        registry.alias("parseurlquery", "parse_urlquery");
        registry.add(ScalarFunction.of("parse_path", 1, 1, anyTo(ScalarType.DYNAMIC), (a, call) -> parsePath(text(a, call, 0)),
                "parse_path(@\"C:\\temp\\file.txt\") is a bag of Scheme, RootPath, DirectoryPath, DirectoryName, Filename, "
                        + "Extension, AlternateDataStreamName"));
        registry.add(ScalarFunction.of("parse_csv", 1, 1, anyTo(ScalarType.DYNAMIC), (a, call) -> parseCsv(text(a, call, 0)),
                "parse_csv('aa,\"b,b\",cc') is [\"aa\",\"b,b\",\"cc\"]: the fields of the first record"));
        registry.add(ScalarFunction.of("parse_command_line", 2, 2, anyTo(ScalarType.DYNAMIC), (a, call) -> {
            String parser = text(a, call, 1);
            if (!parser.equalsIgnoreCase("windows")) {
                throw new IllegalArgumentException("parse_command_line(): the only parser is \"windows\", not \"" + parser + "\"");
            }
            return parseWindowsCommandLine(text(a, call, 0));
        }, "parse_command_line(\"echo \\\"hello world!\\\"\", \"windows\") is [\"echo\",\"hello world!\"]"));
        registry.add(ScalarFunction.of("parse_version", 1, 1, anyTo(ScalarType.DECIMAL), (a, call) -> parseVersion(text(a, call, 0)),
                "parse_version(\"1.2.3.4\") is 1000000020000000300000004 (four parts of eight digits); invalid gives null"));
        registry.add(ScalarFunction.of("format_bytes", 1, 3, numbersAt(ScalarType.STRING, 0, 1), (a, call) -> {
            double size = ((Number) a[0]).doubleValue();
            Long precision = a.length > 1 ? integer(a[1]) : Long.valueOf(0);
            String units = a.length > 2 ? text(a, call, 2) : "";
            return formatBytes(size, precision == null ? 0 : (int) Math.max(0, Math.min(precision, 15)), units);
        }, "format_bytes(10332, 1) is \"10.1 KB\"; format_bytes(20010332, 0, \"KB\") is \"19541 KB\""));
        // The optional third argument is typeof(T): the binder passes it as a typed null, so T is its type.
        registry.add(ScalarFunction.of("extract_json", 2, 3, types -> types.size() > 2 ? types.get(2) : ScalarType.STRING,
                ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS, (a, call) -> {
            if (a[0] == null || a[1] == null) {
                return call.resultType() == ScalarType.STRING ? "" : null;
            }
            Object document = call.argumentTypes().get(1) == ScalarType.DYNAMIC ? a[1] : parseJsonOrNull(text(a, call, 1));
            Object found = JsonPath.select(text(a, call, 0), document);
            if (found == JsonPath.MISSING) {
                return call.resultType() == ScalarType.STRING ? "" : null;
            }
            return call.resultType() == ScalarType.STRING ? elementText(found)
                    : typedFromJson(found, call.resultType());
        }, "extract_json(\"$.name\", '{\"name\": \"John\"}') is \"John\" (paths $, .key, ['key'], [index])"));
        registry.alias("extractjson", "extract_json");
    }

    /** Text converted to a type as the to<type>() functions convert it; null when it does not convert. */
    static Object fromText(String text, ScalarType type, Call call) {
        return switch (type) {
            case STRING -> text;
            case LONG -> ConversionFunctions.toLong(text);
            case INT -> {
                Long value = ConversionFunctions.toLong(text);
                yield value == null ? null : (Object) value.intValue();
            }
            case REAL -> ConversionFunctions.toDouble(text);
            case DECIMAL -> ConversionFunctions.toDecimal(text);
            case BOOL -> ConversionFunctions.toBool(text);
            case DATETIME -> dev.trawl.kql.syntax.LiteralValues.datetimeTicks(text.trim());
            case TIMESPAN -> dev.trawl.kql.syntax.LiteralValues.timespanTicks(text.trim());
            case GUID -> ConversionFunctions.guid(text);
            case DYNAMIC -> dev.trawl.engine.value.Json.parseOrText(text);
        };
    }

    /** A JSON value as the requested scalar type, or null when it is not one. */
    private static Object typedFromJson(Object value, ScalarType type) {
        return switch (type) {
            case LONG -> value instanceof Number n ? (Object) n.longValue() : null;
            case INT -> value instanceof Number n ? (Object) n.intValue() : null;
            case REAL -> value instanceof Number n ? (Object) n.doubleValue() : null;
            case BOOL -> value instanceof Boolean ? value : null;
            case DATETIME -> value instanceof String s ? dev.trawl.kql.syntax.LiteralValues.datetimeTicks(s) : null;
            case DYNAMIC -> value;
            default -> null;
        };
    }

    private static Object parseJsonOrNull(String text) {
        try {
            return dev.trawl.engine.value.Json.parse(text);
        } catch (dev.trawl.engine.value.Json.InvalidJson e) {
            return JsonPath.MISSING;
        }
    }

    /**
     * parse_url: {@code scheme://[user[:password]@]host[:port][/path][?query][#fragment]}. The Path keeps its leading
     * slash (the docs' example shows "this/is/a/path", but a real cluster returns "/this/is/a/path", the URI's
     * absolute path). Text that is not an absolute URL gives a bag of empty parts.
     */
    static Map<String, Object> parseUrl(String url) {
        String scheme = "";
        String host = "";
        String port = "";
        String path = "";
        String user = "";
        String password = "";
        String query = "";
        String fragment = "";
        int schemeEnd = url.indexOf("://");
        if (schemeEnd > 0 && url.substring(0, schemeEnd).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            scheme = url.substring(0, schemeEnd);
            String rest = url.substring(schemeEnd + 3);
            int hash = rest.indexOf('#');
            if (hash >= 0) {
                fragment = rest.substring(hash + 1);
                rest = rest.substring(0, hash);
            }
            int question = rest.indexOf('?');
            if (question >= 0) {
                query = rest.substring(question + 1);
                rest = rest.substring(0, question);
            }
            int slash = rest.indexOf('/');
            String authority = slash >= 0 ? rest.substring(0, slash) : rest;
            path = slash >= 0 ? rest.substring(slash) : "";
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                authority = authority.substring(at + 1);
                int colon = userInfo.indexOf(':');
                user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
                password = colon >= 0 ? userInfo.substring(colon + 1) : "";
            }
            int close = authority.lastIndexOf(']');
            int colon = authority.lastIndexOf(':');
            if (colon > close) {
                port = authority.substring(colon + 1);
                authority = authority.substring(0, colon);
            }
            host = authority;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("Scheme", scheme);
        out.put("Host", host);
        out.put("Port", port);
        out.put("Path", path);
        out.put("Username", user);
        out.put("Password", password);
        out.put("Query Parameters", queryParameters(query));
        out.put("Fragment", fragment);
        return out;
    }

    /** {@code k1=v1&k2=v2} as a bag; names and values are URL-decoded; a later duplicate wins. */
    static Map<String, Object> queryParameters(String query) {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = urlDecode(equals >= 0 ? pair.substring(0, equals) : pair);
            parameters.put(name, equals >= 0 ? urlDecode(pair.substring(equals + 1)) : "");
        }
        return parameters;
    }

    /** parse_path, as its documented examples split Windows, UNC, URI and Unix paths. */
    static Map<String, Object> parsePath(String path) {
        String scheme = "";
        String rest = path;
        int schemeEnd = path.indexOf("://");
        if (schemeEnd > 0 && path.substring(0, schemeEnd).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            scheme = path.substring(0, schemeEnd);
            rest = path.substring(schemeEnd + 3);
        }
        String root = rest.length() >= 2 && Character.isLetter(rest.charAt(0)) && rest.charAt(1) == ':'
                ? rest.substring(0, 2) : "";
        int separator = Math.max(rest.lastIndexOf('/'), rest.lastIndexOf('\\'));
        String directory = separator >= 0 ? rest.substring(0, separator) : "";
        String file = separator >= 0 ? rest.substring(separator + 1) : rest;
        if (separator < 0 && !root.isEmpty()) {
            file = rest.substring(2);
        }
        String stream = "";
        int colon = file.indexOf(':');
        if (colon >= 0) {
            stream = file.substring(colon + 1);
            file = file.substring(0, colon);
        }
        int directorySeparator = Math.max(directory.lastIndexOf('/'), directory.lastIndexOf('\\'));
        String directoryName = directorySeparator >= 0 ? directory.substring(directorySeparator + 1) : directory;
        if (directoryName.equals(root)) {
            directoryName = "";
        }
        int dot = file.lastIndexOf('.');
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("Scheme", scheme);
        out.put("RootPath", root);
        out.put("DirectoryPath", directory);
        out.put("DirectoryName", directoryName);
        out.put("Filename", file);
        out.put("Extension", dot >= 0 ? file.substring(dot + 1) : "");
        out.put("AlternateDataStreamName", stream);
        return out;
    }

    /** The first CSV record: comma-separated, double quotes around fields, {@code ""} for a quote inside them. */
    static List<Object> parseCsv(String csv) {
        List<Object> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                break;
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /**
     * The rules of Windows' CommandLineToArgvW: whitespace separates arguments, double quotes group, 2n backslashes
     * before a quote give n backslashes and a quote that toggles grouping, 2n+1 give n and a literal quote, other
     * backslashes are literal, and {@code ""} inside quotes is a literal quote.
     */
    static List<Object> parseWindowsCommandLine(String line) {
        List<Object> arguments = new ArrayList<>();
        StringBuilder argument = new StringBuilder();
        boolean inArgument = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                int run = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    run++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    argument.append("\\".repeat(run / 2));
                    if (run % 2 == 1) {
                        argument.append('"');
                    } else {
                        i--;
                    }
                } else {
                    argument.append("\\".repeat(run));
                    i--;
                }
                inArgument = true;
            } else if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    argument.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
                inArgument = true;
            } else if ((c == ' ' || c == '\t' || c == '\n' || c == '\r') && !quoted) {
                if (inArgument) {
                    arguments.add(argument.toString());
                    argument.setLength(0);
                    inArgument = false;
                }
            } else {
                argument.append(c);
                inArgument = true;
            }
        }
        if (inArgument) {
            arguments.add(argument.toString());
        }
        return arguments;
    }

    /** One to four dot-separated parts of at most eight digits each, as one decimal of four 8-digit fields. */
    static java.math.BigDecimal parseVersion(String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return null;
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            String part = i < parts.length ? parts[i].strip() : "0";
            if (part.isEmpty() || part.length() > 8 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            digits.append("0".repeat(8 - part.length())).append(part);
        }
        return new java.math.BigDecimal(new java.math.BigInteger(digits.toString()));
    }

    private static final String[] BYTE_UNITS = {"Bytes", "KB", "MB", "GB", "TB", "PB", "EB"};

    /** Rounded half away from zero to the precision, trailing zeros dropped; units chosen by size unless given. */
    static String formatBytes(double size, int precision, String units) {
        if (!Double.isFinite(size)) {
            return "";
        }
        int unit = -1;
        for (int i = 0; i < BYTE_UNITS.length; i++) {
            if (BYTE_UNITS[i].equalsIgnoreCase(units)) {
                unit = i;
            }
        }
        if (unit < 0) {
            if (!units.isEmpty()) {
                return "";
            }
            unit = 0;
            while (unit + 1 < BYTE_UNITS.length && Math.abs(size) >= Math.pow(1024, unit + 1)) {
                unit++;
            }
        }
        java.math.BigDecimal value = new java.math.BigDecimal(size / Math.pow(1024, unit))
                .setScale(precision, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return value.toPlainString() + " " + BYTE_UNITS[unit];
    }

    /** A JSONPath subset: {@code $}, {@code .name}, {@code ['name']} / {@code ["name"]}, {@code [index]}. */
    static final class JsonPath {
        static final Object MISSING = new Object();

        private JsonPath() {
        }

        static Object select(String path, Object document) {
            if (document == MISSING || !path.startsWith("$")) {
                return MISSING;
            }
            Object current = document;
            int i = 1;
            while (i < path.length()) {
                char c = path.charAt(i);
                if (c == '.') {
                    int end = i + 1;
                    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                        end++;
                    }
                    current = member(current, path.substring(i + 1, end));
                    i = end;
                } else if (c == '[') {
                    int close = path.indexOf(']', i);
                    if (close < 0) {
                        return MISSING;
                    }
                    String key = path.substring(i + 1, close).strip();
                    if (key.length() >= 2 && (key.charAt(0) == '\'' || key.charAt(0) == '"')
                            && key.charAt(key.length() - 1) == key.charAt(0)) {
                        current = member(current, key.substring(1, key.length() - 1));
                    } else {
                        try {
                            int index = Integer.parseInt(key);
                            current = current instanceof List<?> list && index >= 0 && index < list.size()
                                    ? list.get(index) : MISSING;
                        } catch (NumberFormatException e) {
                            return MISSING;
                        }
                    }
                    i = close + 1;
                } else {
                    return MISSING;
                }
                if (current == MISSING) {
                    return MISSING;
                }
            }
            return current;
        }

        private static Object member(Object current, String name) {
            return current instanceof Map<?, ?> map && map.containsKey(name) ? map.get(name) : MISSING;
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Punycode (RFC 3492) of one label, and of domains label by label with the {@code xn--} prefix. Unlike IDNA's
     * ToASCII there is no case folding or normalisation: the docs keep "xn--Ge-mia" as "Gáe" and encode labels
     * with spaces as they are. Labels are split at the four IDNA dots (. 。 ． ｡). Invalid input gives "".
     */
    static final class Punycode {
        private static final int BASE = 36;
        private static final int T_MIN = 1;
        private static final int T_MAX = 26;
        private static final int SKEW = 38;
        private static final int DAMP = 700;
        private static final int INITIAL_BIAS = 72;
        private static final int INITIAL_N = 128;

        private Punycode() {
        }

        static void register(FunctionRegistry.Builder registry) {
            registry.add(ScalarFunction.of("punycode_from_string", 1, 1, anyTo(ScalarType.STRING),
                    (a, call) -> encodeOrEmpty(text(a, call, 0)),
                    "punycode_from_string('académie-française') is \"acadmie-franaise-npb1a\""));
            registry.add(ScalarFunction.of("punycode_to_string", 1, 1, anyTo(ScalarType.STRING),
                    (a, call) -> {
                        String decoded = decode(text(a, call, 0));
                        return decoded == null ? "" : decoded;
                    }, "punycode_to_string('acadmie-franaise-npb1a') is \"académie-française\""));
            registry.add(ScalarFunction.of("punycode_domain_to_string", 1, 1, anyTo(ScalarType.STRING), (a, call) -> {
                StringBuilder out = new StringBuilder();
                for (String label : labels(text(a, call, 0))) {
                    if (!out.isEmpty()) {
                        out.append('.');
                    }
                    if (label.chars().allMatch(c -> c < 128)) {
                        out.append(label);
                    } else {
                        String encoded = encode(label);
                        if (encoded == null) {
                            return "";
                        }
                        out.append("xn--").append(encoded);
                    }
                }
                return out.toString();
            }, "punycode_domain_to_string(\"Kaledvoulc'h.Artorījos.edu\") is \"Kaledvoulc'h.xn--Artorjos-ejb.edu\""));
            registry.add(ScalarFunction.of("punycode_domain_from_string", 1, 1, anyTo(ScalarType.STRING), (a, call) -> {
                StringBuilder out = new StringBuilder();
                for (String label : text(a, call, 0).split("\\.", -1)) {
                    if (!out.isEmpty()) {
                        out.append('.');
                    }
                    if (label.regionMatches(true, 0, "xn--", 0, 4)) {
                        String decoded = decode(label.substring(4));
                        if (decoded == null) {
                            return "";
                        }
                        out.append(decoded);
                    } else {
                        out.append(label);
                    }
                }
                return out.toString();
            }, "punycode_domain_from_string(\"xn--Lin-8na.Celtchair.org\") is \"Lúin.Celtchair.org\""));
        }

        private static String[] labels(String domain) {
            return domain.split("[.\u3002\uFF0E\uFF61]", -1);
        }

        private static String encodeOrEmpty(String text) {
            String encoded = encode(text);
            return encoded == null ? "" : encoded;
        }

        private static int adapt(int delta, int points, boolean first) {
            delta = first ? delta / DAMP : delta / 2;
            delta += delta / points;
            int k = 0;
            while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
                delta /= BASE - T_MIN;
                k += BASE;
            }
            return k + (BASE - T_MIN + 1) * delta / (delta + SKEW);
        }

        private static char digit(int d) {
            return (char) (d < 26 ? 'a' + d : '0' + d - 26);
        }

        static String encode(String input) {
            int[] code = input.codePoints().toArray();
            StringBuilder out = new StringBuilder();
            for (int c : code) {
                if (c < 128) {
                    out.appendCodePoint(c);
                }
            }
            int basic = out.length();
            int handled = basic;
            if (basic > 0 && handled < code.length) {
                out.append('-');
            }
            int n = INITIAL_N;
            long delta = 0;
            int bias = INITIAL_BIAS;
            while (handled < code.length) {
                int m = Integer.MAX_VALUE;
                for (int c : code) {
                    if (c >= n && c < m) {
                        m = c;
                    }
                }
                delta += (long) (m - n) * (handled + 1);
                if (delta > Integer.MAX_VALUE) {
                    return null;
                }
                n = m;
                for (int c : code) {
                    if (c < n) {
                        delta++;
                    }
                    if (c == n) {
                        long q = delta;
                        for (int k = BASE; ; k += BASE) {
                            int t = k <= bias ? T_MIN : Math.min(k - bias, T_MAX);
                            if (q < t) {
                                break;
                            }
                            out.append(digit((int) (t + (q - t) % (BASE - t))));
                            q = (q - t) / (BASE - t);
                        }
                        out.append(digit((int) q));
                        bias = adapt((int) delta, handled + 1, handled == basic);
                        delta = 0;
                        handled++;
                    }
                }
                delta++;
                n++;
            }
            return out.toString();
        }

        static String decode(String input) {
            int split = input.lastIndexOf('-');
            List<Integer> output = new ArrayList<>();
            for (int i = 0; i < Math.max(split, 0); i++) {
                char c = input.charAt(i);
                if (c >= 128) {
                    return null;
                }
                output.add((int) c);
            }
            int n = INITIAL_N;
            int bias = INITIAL_BIAS;
            long i = 0;
            for (int at = split > 0 ? split + 1 : 0; at < input.length(); ) {
                long oldI = i;
                long w = 1;
                for (int k = BASE; ; k += BASE) {
                    if (at >= input.length()) {
                        return null;
                    }
                    char c = input.charAt(at++);
                    int d = c >= '0' && c <= '9' ? c - '0' + 26 : c >= 'a' && c <= 'z' ? c - 'a'
                            : c >= 'A' && c <= 'Z' ? c - 'A' : -1;
                    if (d < 0) {
                        return null;
                    }
                    i += d * w;
                    int t = k <= bias ? T_MIN : Math.min(k - bias, T_MAX);
                    if (d < t) {
                        break;
                    }
                    w *= BASE - t;
                    if (i > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
                        return null;
                    }
                }
                bias = adapt((int) (i - oldI), output.size() + 1, oldI == 0);
                n += (int) (i / (output.size() + 1));
                i %= output.size() + 1;
                if (n > Character.MAX_CODE_POINT) {
                    return null;
                }
                output.add((int) i, n);
                i++;
            }
            StringBuilder out = new StringBuilder();
            for (int c : output) {
                out.appendCodePoint(c);
            }
            return out.toString();
        }
    }
}
