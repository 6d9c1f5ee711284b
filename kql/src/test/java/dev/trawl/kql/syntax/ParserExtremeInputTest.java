package dev.trawl.kql.syntax;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Inputs at the extremes — deep nesting, huge queries, binary junk — must give diagnostics (or parse), never an
 * exception or a stack overflow, on the default thread stack. Each input is built only when its test runs.
 */
class ParserExtremeInputTest {
    /** Only a guard against a parser that never returns (or goes quadratic on 10 MB); not a speed test. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(Integer.getInteger("kqlfuzz.timeoutSeconds", 300));
    private static final int TEN_MB = 10 * 1024 * 1024;

    @TestFactory
    Stream<DynamicTest> extremeInputs() {
        List<DynamicTest> tests = new ArrayList<>();
        add(tests, "10,000 nested parentheses", () -> "print " + "(".repeat(10_000) + "1" + ")".repeat(10_000));
        add(tests, "10,000 unclosed parentheses", () -> "print " + "(".repeat(10_000));
        add(tests, "10,000 nested parentheses around a tabular expression",
                () -> "(".repeat(10_000) + "T | take 1" + ")".repeat(10_000));
        add(tests, "10,000 nested [ in a dynamic literal",
                () -> "print dynamic(" + "[".repeat(10_000) + "1" + "]".repeat(10_000) + ")");
        add(tests, "10,000 unclosed [ in an expression", () -> "print x" + "[".repeat(10_000));
        add(tests, "10,000 nested { in a dynamic literal",
                () -> "print dynamic(" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + ")");
        add(tests, "10,000 nested calls", () -> "print " + "f(".repeat(10_000) + "1" + ")".repeat(10_000));
        add(tests, "100,000 unary minus signs", () -> "print " + "-".repeat(100_000) + "1");
        add(tests, "10,000 nested not(", () -> "T | where " + "not(".repeat(10_000) + "true" + ")".repeat(10_000));
        add(tests, "100,000 | characters", () -> "|".repeat(100_000));
        add(tests, "a table followed by 100,000 | characters", () -> "SigninLogs " + "|".repeat(100_000));
        add(tests, "100,000 misspelt operators (diagnostic flood)", () -> "T\n" + "| wher x > 1\n".repeat(100_000));
        add(tests, "100,000 let statements", () -> "let a = 1;\n".repeat(100_000) + "print a");
        add(tests, "10 MB query: where x in (a long list)", () -> {
            StringBuilder text = new StringBuilder(TEN_MB + 64).append("SigninLogs | where ResultType in (");
            for (int i = 0; text.length() < TEN_MB; i++) {
                text.append(i == 0 ? "" : ", ").append(i);
            }
            return text.append(")").toString();
        });
        add(tests, "10 MB query: print of concatenated terms", () -> {
            StringBuilder text = new StringBuilder(TEN_MB + 64).append("print s = ");
            for (int i = 0; text.length() < TEN_MB; i++) {
                text.append(i == 0 ? "" : " + ").append("x").append(i);
            }
            return text.toString();
        });
        add(tests, "10 MB query: one string literal", () -> "print '" + "a".repeat(TEN_MB) + "'");
        add(tests, "10 MB query: one unterminated string literal", () -> "print \"" + "a".repeat(TEN_MB));
        add(tests, "10 MB query: 500,000 lines of where", () -> {
            StringBuilder text = new StringBuilder(TEN_MB + 64).append("T\n");
            for (int i = 0; text.length() < TEN_MB; i++) {
                text.append("| where c").append(i % 100).append(" != ").append(i).append('\n');
            }
            return text.toString();
        });
        for (int seed = 1; seed <= 20; seed++) {
            int s = seed;
            add(tests, "4 KB of random bytes, seed " + s + ", as ISO-8859-1",
                    () -> new String(randomBytes(s, 4096), StandardCharsets.ISO_8859_1));
            add(tests, "4 KB of random bytes, seed " + s + ", as UTF-8 with replacement",
                    () -> new String(randomBytes(s, 4096), StandardCharsets.UTF_8));
        }
        add(tests, "1 MB of random bytes as ISO-8859-1",
                () -> new String(randomBytes(99, 1 << 20), StandardCharsets.ISO_8859_1));
        add(tests, "1 MB of random bytes as UTF-8 with replacement",
                () -> new String(randomBytes(99, 1 << 20), StandardCharsets.UTF_8));
        add(tests, "64 K random UTF-16 units (lone surrogates included)", () -> {
            SplittableRandom random = new SplittableRandom(7);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 65_536; i++) {
                text.append((char) random.nextInt(0x10000));
            }
            return text.toString();
        });
        add(tests, "only NUL characters", () -> "\0".repeat(10_000));
        add(tests, "only lone surrogates", () -> "\uD800".repeat(5_000) + "\uDC00\uDC00");
        add(tests, "a query ending in a lone high surrogate", () -> "T | where x == 'a\uD83D");
        add(tests, "a byte order mark before a query", () -> "\uFEFFSigninLogs | take 1");
        add(tests, "only whitespace and line separators", () -> " \t\r\n\u2028\u2029\u0085\u00A0".repeat(1000));
        return tests.stream();
    }

    private static void add(List<DynamicTest> tests, String name, Supplier<String> input) {
        tests.add(DynamicTest.dynamicTest(name, () -> {
            String text = input.get();
            ParserChecks.Outcome outcome = assertTimeoutPreemptively(HANG_GUARD, () -> ParserChecks.check(text),
                    () -> "the parser did not return within " + HANG_GUARD.toSeconds() + " s on: " + name);
            if (outcome.problem() != null) {
                throw new AssertionFailedError(name + ": " + outcome.problem() + "\ninput (" + text.length()
                        + " chars, escaped): " + ParserChecks.escape(text, 500));
            }
        }));
    }

    private static byte[] randomBytes(long seed, int count) {
        byte[] bytes = new byte[count];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
