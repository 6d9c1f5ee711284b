package dev.trawl.kql.syntax;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The printer's round trip over mutated KQL (PrinterRoundTripTest covers the unmutated corpus): whenever a
 * mutant parses without errors, printing the tree and parsing the result gives the same
 * {@link SyntaxTrees#dump}. Not compiled until the printer bugs it finds are fixed: see kql/pom.xml.
 *
 * <p>Knobs: {@code -Dkqlfuzz.roundTripMutants=N} (default 50,000), and {@code -Dkqlfuzz.seed} and
 * {@code -Dkqlfuzz.index} as in {@link ParserFuzzTest}.
 */
class ParserRoundTripFuzzTest {
    static final int MUTANTS = Integer.getInteger("kqlfuzz.roundTripMutants", 50_000);
    /** A different stream of mutants than ParserFuzzTest's, from the same seed. */
    static final long SEED = ParserFuzzTest.SEED ^ 0x5555_5555_5555_5555L;

    @TestFactory
    List<DynamicTest> mutantsThatParseRoundTrip() {
        String index = System.getProperty("kqlfuzz.index");
        long from = index == null ? 0 : Long.parseLong(index);
        long to = index == null ? MUTANTS : from + 1;
        String name = (to - from) + " mutants, seed 0x" + Long.toHexString(SEED) + (index == null ? "" : ", index " + index);
        return List.of(DynamicTest.dynamicTest(name, () -> {
            List<FuzzCorpus.Query> corpus = FuzzCorpus.load();
            KqlMutator mutator = new KqlMutator(FuzzCorpus.texts(corpus));
            FuzzFailures failures = new FuzzFailures("roundtrip-0x" + Long.toHexString(SEED), 5);
            int[] clean = {0};
            assertTimeoutPreemptively(ParserFuzzTest.HANG_GUARD, () -> {
                for (long i = from; i < to; i++) {
                    KqlMutator.Mutant mutant = mutator.mutant(SEED, i);
                    String problem;
                    try {
                        ParseResult result = Parser.parse(new SourceText("fuzz.kql", mutant.text()));
                        if (!result.ok()) {
                            continue;
                        }
                        clean[0]++;
                        problem = RoundTripCheck.failure(result.script());
                    } catch (Throwable t) {
                        problem = "threw " + ParserChecks.stackTrace(t);
                    }
                    if (problem != null) {
                        failures.add("mutant " + i + " of " + corpus.get(mutant.baseIndex()).origin() + " "
                                + mutant.steps(), "mvn -q -pl kql test -Dtest=ParserRoundTripFuzzTest -Dkqlfuzz.seed=0x"
                                + Long.toHexString(ParserFuzzTest.SEED) + " -Dkqlfuzz.index=" + i, problem, mutant.text());
                    }
                }
            });
            System.out.println("printer round trip: " + clean[0] + " of " + (to - from) + " mutants parse cleanly, "
                    + failures.count() + " do not round-trip");
            failures.assertNone();
        }));
    }
}
