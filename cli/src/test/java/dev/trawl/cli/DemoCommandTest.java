package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trawl demo} end to end, as the README's first command runs it, and then hunting its store. */
class DemoCommandTest {
    @TempDir
    Path work;

    @Test
    void theDemoFindsTheTheftAndTheTunedPerActorRuleNothingElse() throws Exception {
        Path dir = work.resolve("demo");
        Trawl.Result demo = Trawl.run("demo", "--dir", dir.toString());
        assertEquals(0, demo.exitCode(), demo.err());
        String out = demo.out();
        assertTrue(out.contains("MailItemsAccessedTimeSeries[Solarigate]\n  "), out);
        assertTrue(out.contains("MailItemsAccessedPerActorTimeSeries, with exclusions\n  1 alert; exfiltration FOUND; 0 benign\n"), out);
        assertTrue(Files.size(dir.resolve("report.html")) > 10_000, "the report was written");
        assertTrue(demo.err().contains("demo: ingesting"), "it says what it is doing: " + demo.err());

        // The store it leaves is a store like any other: hunt it again, as the demo's last line suggests.
        Trawl.Result hunt = Trawl.run("hunt", "--store", dir.resolve("store").toString(), "--now", "2026-12-02T06:00:00Z",
                "--rule", Trawl.repositoryRoot().resolve("rules/MailItemsAccessedPerActor.yaml").toString(),
                "--exclusions", Trawl.repositoryRoot().resolve("rules/mailitemsaccessed-exclusions.yaml").toString(),
                "--format", "json");
        assertEquals(0, hunt.exitCode(), hunt.err());
        assertEquals(1, hunt.out().lines().count(), hunt.out());
        assertTrue(hunt.out().startsWith("{\"ruleId\":\"3f8b6c1e-2d4a-4b7e-9c55-7a1e0f2d9b31\""), hunt.out());
        // The window starts on the hour of the theft the demo's default seed planted.
        java.time.Instant theft = new dev.trawl.hunt.demo.DemoTenant(1).groundTruth().exfiltration().interval().start();
        assertTrue(hunt.out().contains("\"windowStart\":\"" + theft.truncatedTo(java.time.temporal.ChronoUnit.HOURS) + "\""),
                hunt.out());

        // On the terminal: the alert, then the tenant-wide series as a sparkline with its anomalies marked.
        Trawl.Result table = Trawl.run("hunt", "--store", dir.resolve("store").toString(), "--now", "2026-12-02T06:00:00Z",
                "--rule", Trawl.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml").toString());
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("\nseries (1)\nall: "), table.out());
        assertTrue(table.out().contains("\u25b2"), "anomalies are marked: " + table.out());
    }

    @Test
    void aFolderThatIsNotEmptyIsRefused() throws Exception {
        Files.writeString(work.resolve("keep.txt"), "mine");
        Trawl.Result demo = Trawl.run("demo", "--dir", work.toString());
        assertEquals(ExitCode.USAGE, demo.exitCode());
        assertTrue(demo.err().contains("is not empty"), demo.err());
        assertEquals("mine", Files.readString(work.resolve("keep.txt")));
    }
}
