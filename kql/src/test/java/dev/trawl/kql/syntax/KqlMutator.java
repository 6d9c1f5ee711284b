package dev.trawl.kql.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Deterministic mutations of real KQL for fuzzing the parser: mutant {@code index} of a run seeded with
 * {@code seed} is always the same text, so one failing mutant can be regenerated alone.
 */
final class KqlMutator {
    /** Mutants are cut to this length so a run of duplications cannot grow one without bound. */
    static final int MAX_LENGTH = 64 * 1024;

    /** A mutant, the corpus entry it came from and the mutations applied, for failure reports. */
    record Mutant(long index, String text, int baseIndex, List<String> steps) {
        Mutant {
            Objects.requireNonNull(text, "text");
            steps = List.copyOf(steps);
        }
    }

    /** Text that breaks lexers and parsers: quotes, brackets, pipes, NUL, lone surrogates, half keywords. */
    private static final String[] JUNK = {
        "\0", "\uD800", "\uDFFF", "\uDBFF\uDFFF", "\uFFFD", "\uFEFF", "\u00A0", "\u2028", "\u0085", "'", "\"", "`",
        "```", "@'", "@\"", "h'", "H\"", "\\", "\\u", "(", ")", "[", "]", "{", "}", "|", "||", ";", ";;", ",", "=",
        "==", "!=", "!", "~", "=~", "!~", "..", ".", ":", "$", "$left.", "*", "-", "+", "/", "//", "/*", "%", "<", ">",
        "<|", "=>", "->", "\n", "\r", "\r\n", "\t", " ", "  ", "let ", "let x = ", "where ", "| where ", "| summarize ",
        "by ", "on ", "kind=", "with ", "to typeof(", "step ", "from ", "in (", "!in~ (", "between (", "datetime(",
        "datetime(2024-01-01", "dynamic(", "dynamic({", "timespan(", "time(", "guid(", "typeof(", "toscalar(",
        "materialize(", "1d", "1.5e", "1e309", "0x", "0xFFFFFFFFFFFFFFFFF", "9223372036854775808", "-0", "1..2", ".5",
        "null", "true", "and", "or", "not(", "has", "!hass", "contains_cs", "matches regex", "extend", "project",
        "mv-expand", "make-series", "join", "union", "datatable(a:int)[", "print ", "range x from 1 to 10 step 1",
        "é", "田中", "😀", "\u0301", "..."
    };

    private final List<String> corpus;

    KqlMutator(List<String> corpus) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("empty corpus");
        }
        this.corpus = List.copyOf(corpus);
    }

    Mutant mutant(long seed, long index) {
        SplittableRandom random = new SplittableRandom(mix(seed + index * 0x9E3779B97F4A7C15L));
        int base = random.nextInt(corpus.size());
        StringBuilder text = new StringBuilder(corpus.get(base));
        List<String> steps = new ArrayList<>();
        int count = 1;
        while (count < 6 && random.nextInt(2) == 0) {
            count++;
        }
        for (int i = 0; i < count; i++) {
            steps.add(mutate(random, text));
            if (text.length() > MAX_LENGTH) {
                text.setLength(MAX_LENGTH);
                steps.add("cut to " + MAX_LENGTH);
            }
        }
        return new Mutant(index, text.toString(), base, steps);
    }

    private String mutate(SplittableRandom random, StringBuilder text) {
        int roll = random.nextInt(100);
        int length = text.length();
        if (roll < 16) {
            int[] r = range(random, text);
            text.delete(r[0], r[1]);
            return "delete " + r[0] + ".." + r[1];
        } else if (roll < 30) {
            int[] r = range(random, text);
            String copy = text.substring(r[0], r[1]);
            int at = random.nextInt(2) == 0 ? r[1] : random.nextInt(length + 1);
            text.insert(at, copy);
            return "duplicate " + r[0] + ".." + r[1] + " at " + at;
        } else if (roll < 42) {
            return swap(random, text);
        } else if (roll < 66) {
            int at = random.nextInt(length + 1);
            int pieces = 1 + random.nextInt(4);
            StringBuilder inserted = new StringBuilder();
            for (int i = 0; i < pieces; i++) {
                inserted.append(junk(random));
            }
            text.insert(at, inserted);
            return "insert " + inserted.length() + " chars at " + at;
        } else if (roll < 72) {
            int at = random.nextInt(length + 1);
            text.setLength(at);
            return "truncate at " + at;
        } else if (roll < 78) {
            String[] openers = {"(", "[", "{", "-", "!", "not(", "dynamic([", "(("};
            String opener = openers[random.nextInt(openers.length)];
            int times = 50 + random.nextInt(random.nextInt(2) == 0 ? 500 : 5000);
            int at = random.nextInt(length + 1);
            text.insert(at, opener.repeat(times));
            return "repeat '" + opener + "' x" + times + " at " + at;
        } else if (roll < 90) {
            int[] r = tokenRange(random, text, 1);
            String replacement = junk(random);
            text.replace(r[0], r[1], replacement);
            return "replace " + r[0] + ".." + r[1];
        } else {
            String other = corpus.get(random.nextInt(corpus.size()));
            int from = random.nextInt(other.length() + 1);
            int to = Math.min(other.length(), from + random.nextInt(400));
            int at = random.nextInt(length + 1);
            text.insert(at, other, from, to);
            return "splice " + (to - from) + " chars at " + at;
        }
    }

    private String swap(SplittableRandom random, StringBuilder text) {
        int[] a = tokenRange(random, text, 1 + random.nextInt(3));
        int[] b = tokenRange(random, text, 1 + random.nextInt(3));
        if (a[0] > b[0]) {
            int[] t = a;
            a = b;
            b = t;
        }
        if (a[1] > b[0]) {
            return "swap (overlapping, skipped)";
        }
        String first = text.substring(a[0], a[1]);
        String second = text.substring(b[0], b[1]);
        text.replace(b[0], b[1], first);
        text.replace(a[0], a[1], second);
        return "swap " + a[0] + ".." + a[1] + " with " + b[0] + ".." + b[1];
    }

    /** A random range: half the time whole tokens, otherwise up to a few hundred characters. */
    private static int[] range(SplittableRandom random, StringBuilder text) {
        if (random.nextBoolean()) {
            return tokenRange(random, text, 1 + random.nextInt(5));
        }
        int length = text.length();
        int start = random.nextInt(length + 1);
        int max = Math.min(length - start, random.nextInt(2) == 0 ? 8 : 300);
        int end = start + (max <= 0 ? 0 : random.nextInt(max + 1));
        return new int[] {start, end};
    }

    /** {@code tokens} token-ish pieces (a word, a run of blanks, or one other character) from a random start. */
    private static int[] tokenRange(SplittableRandom random, StringBuilder text, int tokens) {
        int length = text.length();
        int start = random.nextInt(length + 1);
        while (start > 0 && start < length && isWord(text.charAt(start)) && isWord(text.charAt(start - 1))) {
            start--;
        }
        int end = start;
        for (int i = 0; i < tokens && end < length; i++) {
            char c = text.charAt(end);
            if (isWord(c)) {
                while (end < length && isWord(text.charAt(end))) {
                    end++;
                }
            } else if (Character.isWhitespace(c)) {
                while (end < length && Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
            } else {
                end++;
            }
        }
        return new int[] {start, end};
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }

    private static String junk(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> String.valueOf((char) random.nextInt(0x10000));
            case 1 -> String.valueOf((char) random.nextInt(0x20, 0x7F));
            case 2 -> String.valueOf((char) random.nextInt(0x100));
            default -> JUNK[random.nextInt(JUNK.length)];
        };
    }

    /** SplitMix64's finaliser: neighbouring indexes get unrelated seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
