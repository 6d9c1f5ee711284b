package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trawl hunt} and {@code trawl backtest}: how they fail, each with a clear message and the right exit code. */
class HuntCommandTest {
    private static final Path FORMATS = Trawl.repositoryRoot().resolveSibling("shared").resolve("data/formats");
    private static final String SEED = Trawl.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml").toString();

    @TempDir
    static Path work;
    private static String store;

    @BeforeAll
    static void ingest() {
        store = work.resolve("store").toString();
        Trawl.Result ingest = Trawl.run("ingest", "--store", store, FORMATS.toString());
        assertEquals(0, ingest.exitCode(), ingest.err());
    }

    @Test
    void theSeedRuleRunsOverTheRealRecordAndFindsNothingInOneEvent() {
        Trawl.Result hunt = Trawl.run("hunt", "--rule", SEED, "--store", store, "--now", "2021-08-03T06:00:00Z");
        assertEquals(0, hunt.exitCode(), hunt.err());
        assertTrue(hunt.out().contains("MailItemsAccessedTimeSeries[Solarigate]: 0 alerts as of 2021-08-03T06:00:00Z"), hunt.out());
    }

    @Test
    void aFlattenedPasteRunsWithAWarningAndTheRulesWeaknessesAreSaid() throws Exception {
        Path paste = work.resolve("seed-paste.yaml");
        Files.writeString(paste, dev.trawl.hunt.TestFiles.seedRulePaste());
        Trawl.Result hunt = Trawl.run("hunt", "--rule", paste.toString(), "--store", store, "--now", "2021-08-03T06:00:00Z");
        assertEquals(0, hunt.exitCode(), hunt.err());
        assertTrue(hunt.err().contains("warning: " + paste + ": the rule's YAML is flattened"), hunt.err());
        // The three weaknesses, at the paste's own lines.
        assertTrue(hunt.err().contains("warning[KQL5002]") && hunt.err().contains("--> " + paste + ":56:5"), hunt.err());
        assertTrue(hunt.err().contains("warning[KQL5003]") && hunt.err().contains("--> " + paste + ":66:3"), hunt.err());
        assertTrue(hunt.err().contains("warning[KQL5001]") && hunt.err().contains("--> " + paste + ":84:6"), hunt.err());
        assertTrue(hunt.out().contains("0 alerts"), hunt.out());
    }

    @Test
    void aQueryErrorIsReportedAtTheRuleFilesLineAndColumn() throws Exception {
        Path rule = work.resolve("typo.yaml");
        Files.writeString(rule, "id: x\nname: Typo\nquery: |\n  CloudAppEvents\n  | where Acount == 1\n");
        Trawl.Result hunt = Trawl.run("hunt", "--rule", rule.toString(), "--store", store, "--now", "2021-08-03T06:00:00Z");
        assertEquals(ExitCode.QUERY_ERROR, hunt.exitCode());
        assertTrue(hunt.err().contains("--> " + rule + ":5:11"), hunt.err());
    }

    @Test
    void aBadExclusionIsReportedInItsOwnText() throws Exception {
        Path exclusions = work.resolve("exclusions.yaml");
        Files.writeString(exclusions, "exclusions:\n  - name: bad\n    where: AppIdd == 'x'\n");
        Trawl.Result hunt = Trawl.run("hunt", "--rule", SEED, "--store", store, "--now", "2021-08-03T06:00:00Z",
                "--exclusions", exclusions.toString());
        assertEquals(ExitCode.QUERY_ERROR, hunt.exitCode());
        assertTrue(hunt.err().contains("exclusion 'bad'"), hunt.err());
        assertTrue(hunt.err().contains("AppIdd"), hunt.err());
        Files.writeString(exclusions, "exclusions:\n  - name: elsewhere\n    table: SigninLogs\n    where: true\n");
        Trawl.Result table = Trawl.run("hunt", "--rule", SEED, "--store", store, "--exclusions", exclusions.toString());
        assertEquals(ExitCode.QUERY_ERROR, table.exitCode());
        assertTrue(table.err().contains("is for table 'SigninLogs', which is not a table of the store"), table.err());
        Files.writeString(exclusions, "exclusions:\n  - name: nowhere\n");
        Trawl.Result missing = Trawl.run("hunt", "--rule", SEED, "--store", store, "--exclusions", exclusions.toString());
        assertEquals(ExitCode.QUERY_ERROR, missing.exitCode());
        assertTrue(missing.err().contains("exclusion 'nowhere' has no 'where' predicate"), missing.err());
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        Trawl.Result now = Trawl.run("hunt", "--rule", SEED, "--store", store, "--now", "yesterday");
        assertEquals(ExitCode.USAGE, now.exitCode());
        assertTrue(now.err().contains("--now: 'yesterday' is not a datetime"), now.err());
        Trawl.Result rule = Trawl.run("hunt", "--rule", work.resolve("none.yaml").toString(), "--store", store);
        assertEquals(ExitCode.USAGE, rule.exitCode());
        assertTrue(rule.err().contains("--rule: no such file"), rule.err());
        Trawl.Result every = Trawl.run("backtest", "--rule", SEED, "--store", store, "--from", "2021-08-01T00:00:00Z",
                "--to", "2021-08-02T00:00:00Z", "--every", "0h");
        assertEquals(ExitCode.USAGE, every.exitCode());
        assertTrue(every.err().contains("--every: '0h' is not a positive timespan"), every.err());
        Trawl.Result backwards = Trawl.run("backtest", "--rule", SEED, "--store", store, "--from", "2021-08-02T00:00:00Z",
                "--to", "2021-08-01T00:00:00Z");
        assertEquals(ExitCode.USAGE, backwards.exitCode());
        assertTrue(backwards.err().contains("is before --from"), backwards.err());
    }

    @Test
    void aSweepNeedsAThresholdToSweep() throws Exception {
        Path rule = work.resolve("plain.kql");
        Files.writeString(rule, "CloudAppEvents | take 1\n");
        Trawl.Result backtest = Trawl.run("backtest", "--rule", rule.toString(), "--store", store,
                "--from", "2021-08-01T00:00:00Z", "--to", "2021-08-01T02:00:00Z", "--threshold", "2,3");
        assertEquals(ExitCode.USAGE, backtest.exitCode());
        assertTrue(backtest.err().contains("no threshold to sweep"), backtest.err());
    }
}
