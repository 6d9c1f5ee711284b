package dev.trawl.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checked-in ratchet files and the report's tallies and regressions. */
class ConformanceRatchetTest {
    @TempDir
    Path dir;

    @Test
    void baselineRoundTripsAndIgnoresComments() throws Exception {
        Path file = dir.resolve("baseline.txt");
        assertEquals(0, Ratchet.readBaseline(file), "a missing file is 0");
        Ratchet.writeBaseline(file, 123);
        assertTrue(Files.readString(file).startsWith("#"));
        assertEquals(123, Ratchet.readBaseline(file));
        Files.writeString(file, "# note\n\n  42 \n");
        assertEquals(42, Ratchet.readBaseline(file));
        Files.writeString(file, "forty-two\n");
        assertThrows(IllegalStateException.class, () -> Ratchet.readBaseline(file));
    }

    @Test
    void passingListRoundTrips() {
        Path file = dir.resolve("passing.txt");
        assertTrue(Ratchet.readPassing(file).isEmpty());
        List<String> ids = List.of("1\tsrc\ttitle one", "20\tsrc\ttitle two");
        Ratchet.writePassing(file, ids);
        assertEquals(Set.copyOf(ids), Ratchet.readPassing(file));
    }

    @Test
    void checkedInFilesAreReadable() {
        assertTrue(Ratchet.readBaseline(Ratchet.baselineFile()) >= 0);
        Ratchet.readPassing(Ratchet.passingFile());
    }

    private static CaseOutcome outcome(ConformanceCase c, CaseOutcome.Kind kind) {
        return new CaseOutcome(PreparedCase.prepare(c, List.of(c)), kind, kind == CaseOutcome.Kind.PASS ? null : "why", 1_000_000,
                null);
    }

    @Test
    void reportTalliesScopeGroupsAndNamesRegressions() {
        ConformanceCase join = new ConformanceCase(1, "s", "join", "X | join Y on k", "|k|\n|-|\n|1|", "", "join/lookup", List.of());
        ConformanceCase geo = new ConformanceCase(2, "s", "geo", "print geo_point_to_h3cell(1, 2)", "|h|\n|-|\n|x|", "", "ip/geo",
                List.of());
        ConformanceCase mv = new ConformanceCase(3, "s", "mv", "T | mv-expand a", "|a|\n|-|\n|1|", "", "mv-expand/mv-apply",
                List.of());
        ConformanceReport report = new ConformanceReport(List.of(outcome(join, CaseOutcome.Kind.PASS),
                outcome(geo, CaseOutcome.Kind.PASS), outcome(mv, CaseOutcome.Kind.ERROR)), 1,
                Set.of(mv.id(), "99\tgone\tgone"), false);
        assertEquals(new ConformanceReport.Tally(2, 1), report.inScope(), "the geo case is out of scope");
        assertEquals(Set.of(join.id(), geo.id()), report.passingIds());
        assertEquals(1, report.regressions().size());
        assertTrue(report.regressions().get(0).contains("mv") && report.regressions().get(0).contains("ERROR"));
        String summary = report.summary();
        assertTrue(summary.contains("join/lookup: 1/1"), summary);
        assertTrue(summary.contains("mv-expand/mv-apply: 0/1"), summary);
        assertTrue(summary.contains("REGRESSIONS"), summary);
        assertTrue(summary.contains("99 gone gone"), "a listed case missing from the corpus is named: " + summary);
        assertTrue(report.full().contains("== #3 ERROR"));
        assertTrue(report.json().contains("\"inScope\""));
    }
}
