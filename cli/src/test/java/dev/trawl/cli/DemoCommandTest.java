package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trawl demo} end to end, as the README's first command runs it, and then the other commands over the store
 * it leaves, as its last line suggests.
 */
class DemoCommandTest {
    private static final String NOW = "2026-12-02T06:00:00Z";
    private static final String SEED_RULE = Trawl.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml").toString();
    private static final String PER_ACTOR = Trawl.repositoryRoot().resolve("rules/MailItemsAccessedPerActor.yaml").toString();
    private static final String EXCLUSIONS = Trawl.repositoryRoot().resolve("rules/exclusions/mailitemsaccessed.yaml").toString();

    @TempDir
    static Path work;
    private static Path dir;
    private static Trawl.Result demo;

    @BeforeAll
    static void runTheDemo() {
        dir = work.resolve("demo");
        demo = Trawl.run("demo", "--dir", dir.toString());
    }

    private static String store() {
        return dir.resolve("store").toString();
    }

    @Test
    void theDemoFindsTheTheftAndTheTunedPerActorRuleNothingElse() throws Exception {
        assertEquals(0, demo.exitCode(), demo.err());
        String out = demo.out();
        assertTrue(out.contains("MailItemsAccessedTimeSeries[Solarigate]\n  "), out);
        assertTrue(out.contains("MailItemsAccessedPerActorTimeSeries, with exclusions\n  1 alert; exfiltration FOUND; 0 benign\n"), out);
        assertTrue(Files.size(dir.resolve("report.html")) > 10_000, "the report was written");
        assertTrue(demo.err().contains("demo: ingesting"), "it says what it is doing: " + demo.err());
    }

    @Test
    void huntingTheDemoStoreGivesTheTheftAsOneJsonAlert() {
        Trawl.Result hunt = Trawl.run("hunt", "--store", store(), "--now", NOW, "--rule", PER_ACTOR,
                "--exclusions", EXCLUSIONS, "--format", "json");
        assertEquals(0, hunt.exitCode(), hunt.err());
        assertEquals(1, hunt.out().lines().count(), hunt.out());
        assertTrue(hunt.out().startsWith("{\"ruleId\":\"3f8b6c1e-2d4a-4b7e-9c55-7a1e0f2d9b31\""), hunt.out());
        // The window starts on the hour of the theft the demo's default seed planted.
        Instant theft = new dev.trawl.hunt.demo.DemoTenant(1).groundTruth().exfiltration().interval().start();
        assertTrue(hunt.out().contains("\"windowStart\":\"" + theft.truncatedTo(ChronoUnit.HOURS) + "\""), hunt.out());
    }

    @Test
    void onTheTerminalTheSeriesIsASparklineAndMarkdownAndTheReportAreThereToo() throws Exception {
        Trawl.Result table = Trawl.run("hunt", "--store", store(), "--now", NOW, "--rule", SEED_RULE);
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("\nseries (1)\nall: "), table.out());
        assertTrue(table.out().contains("\u25b2"), "anomalies are marked: " + table.out());

        Path report = work.resolve("seed.html");
        Trawl.Result md = Trawl.run("hunt", "--store", store(), "--now", NOW, "--rule", SEED_RULE, "--format", "md",
                "--exclusions", EXCLUSIONS, "--report", report.toString());
        assertEquals(0, md.exitCode(), md.err());
        assertTrue(md.out().startsWith("## MailItemsAccessedTimeSeries[Solarigate]\n"), md.out());
        assertTrue(md.out().contains("| exclusion | rows hidden | of |\n|---|---:|---:|\n| archive-job |"), md.out());
        assertTrue(md.out().contains("| window | evidence rows | entities |"), md.out());
        String html = Files.readString(report);
        assertTrue(html.contains("<svg") && html.contains("class=\"anomaly "), "the report draws the series");
        assertTrue(html.contains("KQL5001"), "the report notes the seed's weaknesses");
        assertTrue(md.err().contains("report: " + report.toAbsolutePath()), md.err());
    }

    @Test
    void aBacktestReplaysTheSeedRuleAndSweepsItsThreshold() {
        Trawl.Result backtest = Trawl.run("backtest", "--store", store(), "--rule", SEED_RULE,
                "--from", "2026-12-01T18:00:00Z", "--to", NOW, "--every", "6h", "--threshold", "1.5,3,10");
        assertEquals(0, backtest.exitCode(), backtest.err());
        String out = backtest.out();
        assertTrue(out.contains("3 runs from 2026-12-01T18:00:00Z to 2026-12-02T06:00:00Z every 6h"), out);
        assertTrue(out.contains("\n2026-12-02T06:00:00Z "), out);
        assertTrue(out.contains("threshold sweep (the rule's own: 1.5)\n"), out);
        assertTrue(out.matches("(?s).*\n      1\\.5 +\\d+ +\\d+ +\\d+\n      3\\.0 .*\n     10\\.0 .*"), out);
    }

    @Test
    void aFolderThatIsNotEmptyIsRefused() throws Exception {
        Path full = work.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("keep.txt"), "mine");
        Trawl.Result refused = Trawl.run("demo", "--dir", full.toString());
        assertEquals(ExitCode.USAGE, refused.exitCode());
        assertTrue(refused.err().contains("is not empty"), refused.err());
        assertEquals("mine", Files.readString(full.resolve("keep.txt")));
    }
}
