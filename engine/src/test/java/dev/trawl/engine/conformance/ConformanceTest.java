package dev.trawl.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs every documented Kusto example of {@code shared/kql/conformance/cases.jsonl} through the engine and compares
 * the result with the documented output (DESIGN §7; the comparison rules are in {@link CasePlan},
 * {@link TableComparator} and {@link CellMatcher}). Prints the summary, writes
 * {@code target/conformance-report.txt} (every case, with diffs) and {@code target/conformance-summary.json}.
 *
 * <p>Fails only when fewer in-scope cases pass than {@code src/test/resources/conformance-baseline.txt} says:
 * the count only goes up. Cases that passed before ({@code conformance-passing.txt}) and fail now are named.
 * System properties:
 * <ul>
 * <li>{@code -Dconformance.update=true}: rewrite the baseline and the passing list from this run (review the diff);</li>
 * <li>{@code -Dconformance.filter=TEXT}: run only cases whose line number, category, source, title or query contains
 *     TEXT (case-insensitive); the ratchet is not checked and nothing is rewritten;</li>
 * <li>{@code -Dconformance.timeout=MILLIS}: the per-case time limit, 5000 by default.</li>
 * </ul>
 */
class ConformanceTest {
    static final String UPDATE_PROPERTY = "conformance.update";
    static final String FILTER_PROPERTY = "conformance.filter";
    static final String TIMEOUT_PROPERTY = "conformance.timeout";

    @Test
    void documentedExamplesDoNotRegress() throws IOException {
        List<ConformanceCase> corpus = ConformanceCases.load();
        assertFalse(corpus.isEmpty(), "no conformance cases in " + SharedFolder.conformanceCases());
        String filter = System.getProperty(FILTER_PROPERTY, "").strip();
        boolean filtered = !filter.isEmpty();
        boolean update = Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false")) && !filtered;
        Duration timeout = Duration.ofMillis(Long.parseLong(System.getProperty(TIMEOUT_PROPERTY, "5000")));

        List<ConformanceCase> selected = filtered ? corpus.stream().filter(c -> selects(c, filter)).toList() : corpus;
        List<PreparedCase> prepared = PreparedCase.prepare(selected, corpus);
        List<CaseOutcome> outcomes;
        try (ConformanceRunner runner = new ConformanceRunner(query -> new Engine().run(query), timeout)) {
            outcomes = runner.runAll(prepared);
        }

        Path baselineFile = Ratchet.baselineFile();
        Path passingFile = Ratchet.passingFile();
        int baseline = Ratchet.readBaseline(baselineFile);
        Set<String> previouslyPassing = Ratchet.readPassing(passingFile);
        ConformanceReport report = new ConformanceReport(outcomes, baseline, previouslyPassing, filtered);

        Path target = SharedFolder.engineModule().resolve("target");
        Files.createDirectories(target);
        Path reportFile = target.resolve("conformance-report.txt");
        Files.writeString(reportFile, report.full(), StandardCharsets.UTF_8);
        Files.writeString(target.resolve("conformance-summary.json"), report.json(), StandardCharsets.UTF_8);
        System.out.print(report.summary());
        System.out.println("  full report: " + reportFile);

        int passes = report.inScope().pass();
        if (update) {
            if (passes < baseline) {
                System.out.println("  WARNING: lowering the baseline from " + baseline + " to " + passes);
            }
            Ratchet.writeBaseline(baselineFile, passes);
            Ratchet.writePassing(passingFile, report.passingIds());
            System.out.println("  updated " + baselineFile + " (" + passes + ") and " + passingFile);
            return;
        }
        if (filtered) {
            return;
        }
        assertTrue(passes >= baseline, () -> "in-scope conformance passes dropped to " + passes + " below the baseline "
                + baseline + " (" + baselineFile + ")" + (report.regressions().isEmpty() ? ""
                        : "; now failing: " + String.join(", ", report.regressions())) + "; see " + reportFile);
    }

    private static boolean selects(ConformanceCase c, String filter) {
        String f = filter.toLowerCase(Locale.ROOT);
        return Integer.toString(c.line()).equals(filter) || c.category().toLowerCase(Locale.ROOT).contains(f)
                || c.source().toLowerCase(Locale.ROOT).contains(f) || c.title().toLowerCase(Locale.ROOT).contains(f)
                || c.query().toLowerCase(Locale.ROOT).contains(f);
    }
}
