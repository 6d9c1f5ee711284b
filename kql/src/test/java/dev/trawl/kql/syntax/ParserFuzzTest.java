package dev.trawl.kql.syntax;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Random mutations of every corpus and conformance query must only ever produce diagnostics: no exception of
 * any kind (stack overflows included), spans inside the text, renderable diagnostics. Seeded and bounded, so a
 * run is repeatable; the seed is in the test name.
 *
 * <p>Knobs: {@code -Dkqlfuzz.seed=0x...}, {@code -Dkqlfuzz.mutants=N}, {@code -Dkqlfuzz.index=N} (run only
 * mutant N of the seed, to reproduce a failure), {@code -Dkqlfuzz.timeoutSeconds=S}.
 */
class ParserFuzzTest {
    static final long DEFAULT_SEED = 0x7A3C91E50D2B4F68L;
    static final long SEED = Long.decode(System.getProperty("kqlfuzz.seed", "0x" + Long.toHexString(DEFAULT_SEED)));
    static final int MUTANTS = Integer.getInteger("kqlfuzz.mutants", 200_000);
    /** Only a guard against a parser that never returns: it names the input it was stuck on. Not a speed test. */
    static final Duration HANG_GUARD = Duration.ofSeconds(Integer.getInteger("kqlfuzz.timeoutSeconds", 900));

    @TestFactory
    List<DynamicTest> corpusMutants() {
        String index = System.getProperty("kqlfuzz.index");
        long from = index == null ? 0 : Long.parseLong(index);
        long to = index == null ? MUTANTS : from + 1;
        String name = (to - from) + " mutants of the corpus, seed 0x" + Long.toHexString(SEED)
                + (index == null ? "" : ", index " + index);
        return List.of(DynamicTest.dynamicTest(name, () -> run(from, to)));
    }

    private static void run(long from, long to) {
        List<FuzzCorpus.Query> corpus = FuzzCorpus.load();
        KqlMutator mutator = new KqlMutator(FuzzCorpus.texts(corpus));
        String run = "fuzz-0x" + Long.toHexString(SEED);
        FuzzFailures failures = new FuzzFailures(run, 5);
        AtomicLong current = new AtomicLong(-1);
        AtomicReference<String> currentText = new AtomicReference<>("");
        long[] stats = new long[4]; // chars, ok mutants, diagnostics, mutants
        long started = System.nanoTime();
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (long i = from; i < to; i++) {
                KqlMutator.Mutant mutant = mutator.mutant(SEED, i);
                current.set(i);
                currentText.set(mutant.text());
                ParserChecks.Outcome outcome = ParserChecks.check(mutant.text());
                stats[0] += mutant.text().length();
                stats[1] += outcome.ok() ? 1 : 0;
                stats[2] += outcome.diagnostics();
                stats[3]++;
                if (outcome.problem() != null) {
                    failures.add("mutant " + i + " of " + corpus.get(mutant.baseIndex()).origin() + " " + mutant.steps(),
                            reproduce(i), outcome.problem(), mutant.text());
                }
            }
        }, () -> "the parser did not return within " + HANG_GUARD.toSeconds() + " s; stuck on mutant " + current.get()
                + " (reproduce: " + reproduce(current.get()) + "):\n" + ParserChecks.escape(currentText.get(), 2000));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("parser fuzz, seed 0x%x: %d mutants, %.1f MB of text, %d parsed without errors, %d diagnostics,"
                        + " %d failures, %.1f s (%.1f MB/s incl. mutation and checks)%n", SEED, stats[3], stats[0] / 1e6,
                stats[1], stats[2], failures.count(), seconds, stats[0] / 1e6 / seconds);
        failures.assertNone();
    }

    private static String reproduce(long index) {
        return "mvn -q -pl kql test -Dtest=ParserFuzzTest -Dkqlfuzz.seed=0x" + Long.toHexString(SEED)
                + " -Dkqlfuzz.index=" + index;
    }
}
