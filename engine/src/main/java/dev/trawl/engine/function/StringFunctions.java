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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        registry.add(ScalarFunction.of("extract", 3, 3, numbersAt(ScalarType.STRING, 1), (a, call) -> {
            Long group = integer(a[1]);
            Matcher matcher = Re2.compile(text(a, call, 0)).pattern().matcher(text(a, call, 2));
            if (group == null || group < 0 || group > matcher.groupCount() || !matcher.find()) {
                return "";
            }
            String value = matcher.group(group.intValue());
            return value == null ? "" : value;
        }, "extract(\"x=([0-9]+)\", 1, \"x=42\") is \"42\"; no match gives \"\""));
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

    /**
     * RE2 syntax on {@code java.util.regex}. Java accepts nearly all of RE2 (and more: back-references and
     * look-around, which RE2 rejects, are simply accepted here). What differs is translated:
     * <ul>
     * <li>{@code (?P<name>...)} and {@code (?<name>...)}: Java group names allow no underscore, so groups are
     *     compiled unnamed and their names kept in {@link Compiled#groupNames()};</li>
     * <li>POSIX classes {@code [[:alpha:]]} become {@code \p{Alpha}} (and {@code [:^alpha:]} its negation);</li>
     * <li>inside a class, {@code [} is a literal and {@code &&} is not an intersection;</li>
     * <li>{@code \v} is the vertical tab (Java: any vertical whitespace); {@code \p{Greek}} is a script;</li>
     * <li>{@code $} without the {@code m} flag matches only at the very end (Java also matches before a final
     *     newline), and only {@code \n} ends a line ({@link Pattern#UNIX_LINES}), as in RE2.</li>
     * </ul>
     * Not translated: RE2's ungreedy flag {@code U} is dropped (Java's {@code U} means something else), so
     * {@code (?U)} patterns stay greedy.
     */
    static final class Re2 {
        private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();
        private static final Map<String, Pattern> JAVA_CACHE = new ConcurrentHashMap<>();
        private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alpha", "\\p{Alpha}"),
                Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"), Map.entry("upper", "\\p{Upper}"),
                Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s\\x0B"), Map.entry("punct", "\\p{Punct}"),
                Map.entry("xdigit", "\\p{XDigit}"), Map.entry("word", "\\w"), Map.entry("blank", "\\p{Blank}"),
                Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("graph", "\\p{Graph}"), Map.entry("print", "\\p{Print}"),
                Map.entry("ascii", "\\x00-\\x7F"));

        /** A translated pattern and the RE2 names of its groups (index = group number; null when unnamed). */
        record Compiled(Pattern pattern, String javaSource, List<String> groupNames) {
        }

        private Re2() {
        }

        static Compiled compile(String re2) {
            Compiled compiled = CACHE.get(re2);
            if (compiled == null) {
                if (CACHE.size() > 10_000) {
                    CACHE.clear();
                }
                compiled = translate(re2);
                CACHE.put(re2, compiled);
            }
            return compiled;
        }

        /** An already translated pattern (used to wrap a translated body). */
        static Pattern compileJava(String javaSource) {
            Pattern pattern = JAVA_CACHE.get(javaSource);
            if (pattern == null) {
                if (JAVA_CACHE.size() > 10_000) {
                    JAVA_CACHE.clear();
                }
                pattern = Pattern.compile(javaSource, Pattern.UNIX_LINES);
                JAVA_CACHE.put(javaSource, pattern);
            }
            return pattern;
        }

        static Compiled translate(String re2) {
            boolean multiline = Pattern.compile("\\(\\?[a-zA-Z]*m[a-zA-Z-]*[:)]").matcher(re2).find();
            StringBuilder out = new StringBuilder();
            List<String> names = new ArrayList<>();
            names.add(null);
            int n = re2.length();
            for (int i = 0; i < n; i++) {
                char c = re2.charAt(i);
                switch (c) {
                    case '\\' -> i = escape(re2, i, out);
                    case '[' -> i = characterClass(re2, i, out);
                    case '$' -> out.append(multiline ? "$" : "\\z");
                    case '(' -> {
                        if (re2.startsWith("(?P<", i) || (re2.startsWith("(?<", i) && i + 3 < n
                                && re2.charAt(i + 3) != '=' && re2.charAt(i + 3) != '!')) {
                            int open = re2.indexOf('<', i);
                            int close = re2.indexOf('>', open);
                            if (close < 0) {
                                throw new IllegalArgumentException("invalid named group in regex: " + re2);
                            }
                            names.add(re2.substring(open + 1, close));
                            out.append('(');
                            i = close;
                        } else if (re2.startsWith("(?", i)) {
                            int end = i + 2;
                            while (end < n && (Character.isLetter(re2.charAt(end)) || re2.charAt(end) == '-')) {
                                end++;
                            }
                            String flags = re2.substring(i + 2, end).replace("U", "");
                            out.append("(?").append(flags);
                            i = end - 1;
                        } else {
                            names.add(null);
                            out.append('(');
                        }
                    }
                    default -> out.append(c);
                }
            }
            String source = out.toString();
            return new Compiled(Pattern.compile(source, Pattern.UNIX_LINES), source, Collections.unmodifiableList(names));
        }

        private static int escape(String re2, int i, StringBuilder out) {
            if (i + 1 >= re2.length()) {
                throw new IllegalArgumentException("regex ends with a backslash: " + re2);
            }
            char next = re2.charAt(i + 1);
            if (next == 'v') {
                out.append("\\x0B");
                return i + 1;
            }
            if (next == 'Q') {
                int end = re2.indexOf("\\E", i + 2);
                String literal = end < 0 ? re2.substring(i + 2) : re2.substring(i + 2, end);
                out.append(Pattern.quote(literal));
                return end < 0 ? re2.length() - 1 : end + 1;
            }
            if ((next == 'p' || next == 'P') && i + 2 < re2.length() && re2.charAt(i + 2) == '{') {
                int close = re2.indexOf('}', i + 3);
                if (close > 0) {
                    String name = re2.substring(i + 3, close);
                    boolean category = name.length() <= 2 || name.startsWith("Is") || name.startsWith("In");
                    out.append('\\').append(next).append('{').append(category ? name : "Is" + name).append('}');
                    return close;
                }
            }
            out.append('\\').append(next);
            return i + 1;
        }

        private static int characterClass(String re2, int i, StringBuilder out) {
            int n = re2.length();
            out.append('[');
            int j = i + 1;
            if (j < n && re2.charAt(j) == '^') {
                out.append('^');
                j++;
            }
            if (j < n && re2.charAt(j) == ']') {
                out.append("\\]");
                j++;
            }
            for (; j < n; j++) {
                char c = re2.charAt(j);
                if (c == ']') {
                    out.append(']');
                    return j;
                }
                if (c == '\\') {
                    j = escape(re2, j, out);
                } else if (c == '[' && j + 1 < n && re2.charAt(j + 1) == ':') {
                    int close = re2.indexOf(":]", j + 2);
                    if (close < 0) {
                        out.append("\\[");
                        continue;
                    }
                    String name = re2.substring(j + 2, close);
                    boolean negated = name.startsWith("^");
                    String java = POSIX.get(negated ? name.substring(1) : name);
                    if (java == null) {
                        throw new IllegalArgumentException("unknown character class [:" + name + ":] in regex: " + re2);
                    }
                    out.append(negated ? "[^" + java + "]" : java);
                    j = close + 1;
                } else if (c == '[') {
                    out.append("\\[");
                } else if (c == '&' && j + 1 < n && re2.charAt(j + 1) == '&') {
                    out.append("&\\&");
                    j++;
                } else {
                    out.append(c);
                }
            }
            throw new IllegalArgumentException("missing ] in regex: " + re2);
        }
    }
}
