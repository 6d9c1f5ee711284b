package dev.trawl.engine.function;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

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
 * <li>RE2's ungreedy flag {@code U} (Java's {@code U} means something else) is applied instead: each
 *     quantifier is written greedy or lazy as it is under the flag ({@code (?U)a*} becomes {@code a*?}).</li>
 * </ul>
 */
public final class Re2 {
    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Pattern> JAVA_CACHE = new ConcurrentHashMap<>();
    private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("digit", "\\p{Digit}"), Map.entry("alnum", "\\p{Alnum}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s\\x0B"), Map.entry("punct", "\\p{Punct}"),
            Map.entry("xdigit", "\\p{XDigit}"), Map.entry("word", "\\w"), Map.entry("blank", "\\p{Blank}"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("graph", "\\p{Graph}"), Map.entry("print", "\\p{Print}"),
            Map.entry("ascii", "\\x00-\\x7F"));

    /** A translated pattern and the RE2 names of its groups (index = group number; null when unnamed). */
    public record Compiled(Pattern pattern, String javaSource, List<String> groupNames) {
    }

    private Re2() {
    }

    public static Compiled compile(String re2) {
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
        // RE2's U flag (ungreedy) swaps what x* and x*? mean; Java has no such flag, so each quantifier is
        // written with the greediness it has under the flags in force: set by (?U) for the rest of its group,
        // or by (?U:...) inside one. The enclosing groups' settings wait on this stack.
        java.util.ArrayDeque<Boolean> outer = new java.util.ArrayDeque<>();
        boolean ungreedy = false;
        int n = re2.length();
        for (int i = 0; i < n; i++) {
            char c = re2.charAt(i);
            switch (c) {
                case '\\' -> i = escape(re2, i, out);
                case '[' -> i = characterClass(re2, i, out);
                case '$' -> out.append(multiline ? "$" : "\\z");
                case ')' -> {
                    ungreedy = outer.isEmpty() ? ungreedy : outer.pop();
                    out.append(')');
                }
                case '*', '+', '?' -> i = quantifier(re2, i, i + 1, ungreedy, out);
                case '{' -> {
                    int close = repetitionEnd(re2, i);
                    if (close < 0) {
                        out.append("\\{"); // not a repetition: a literal brace, as RE2 reads it
                    } else {
                        i = quantifier(re2, i, close + 1, ungreedy, out);
                    }
                }
                case '(' -> {
                    if (re2.startsWith("(?P<", i) || (re2.startsWith("(?<", i) && i + 3 < n
                            && re2.charAt(i + 3) != '=' && re2.charAt(i + 3) != '!')) {
                        int open = re2.indexOf('<', i);
                        int close = re2.indexOf('>', open);
                        if (close < 0) {
                            throw new IllegalArgumentException("invalid named group in regex: " + re2);
                        }
                        names.add(re2.substring(open + 1, close));
                        outer.push(ungreedy);
                        out.append('(');
                        i = close;
                    } else if (re2.startsWith("(?", i)) {
                        int end = i + 2;
                        while (end < n && (Character.isLetter(re2.charAt(end)) || re2.charAt(end) == '-')) {
                            end++;
                        }
                        String given = re2.substring(i + 2, end);
                        boolean scoped = end >= n || re2.charAt(end) != ')'; // (?flags:...) or a look-around
                        if (scoped) {
                            outer.push(ungreedy);
                        }
                        int u = given.indexOf('U');
                        if (u >= 0) {
                            int minus = given.indexOf('-');
                            ungreedy = minus < 0 || u < minus;
                        }
                        String flags = given.replace("U", "");
                        if (flags.equals("-")) {
                            flags = "";
                        }
                        if (!scoped) {
                            // (?flags) sets flags for the rest of its group; (?U) alone leaves nothing.
                            if (!flags.isEmpty()) {
                                out.append("(?").append(flags).append(')');
                            }
                            i = end;
                        } else {
                            out.append("(?").append(flags);
                            i = end - 1;
                        }
                    } else {
                        names.add(null);
                        outer.push(ungreedy);
                        out.append('(');
                    }
                }
                default -> out.append(c);
            }
        }
        String source = out.toString();
        return new Compiled(Pattern.compile(source, Pattern.UNIX_LINES), source, Collections.unmodifiableList(names));
    }

    /**
     * Writes the quantifier {@code re2[from, to)} and its lazy marker, if any, with the greediness it has
     * under the U flag; returns the index of its last character.
     */
    private static int quantifier(String re2, int from, int to, boolean ungreedy, StringBuilder out) {
        out.append(re2, from, to);
        boolean lazy = to < re2.length() && re2.charAt(to) == '?';
        if (lazy != ungreedy) {
            out.append('?');
        }
        return lazy ? to : to - 1;
    }

    /** Where {@code {n}}, {@code {n,}} or {@code {n,m}} starting at {@code at} closes, or -1 if it is not one. */
    private static int repetitionEnd(String re2, int at) {
        int i = at + 1;
        int digits = 0;
        while (i < re2.length() && Character.isDigit(re2.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        if (i < re2.length() && re2.charAt(i) == ',') {
            i++;
            while (i < re2.length() && Character.isDigit(re2.charAt(i))) {
                i++;
            }
        }
        return i < re2.length() && re2.charAt(i) == '}' ? i : -1;
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
