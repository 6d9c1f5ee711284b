package dev.trawl.engine.golden;

import static dev.trawl.kql.golden.DynamicTests.failure;
import static dev.trawl.kql.golden.DynamicTests.flatten;
import static dev.trawl.kql.golden.DynamicTests.outcomes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.kql.golden.GoldenRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's {@code query}, {@code setup} and {@code error} blocks, on files made up here. */
class QueryBlockKindTest {
    @TempDir
    Path dir;

    @Test
    void nullEmptyStringAndTheWordNullLookDifferent() throws IOException {
        assertEquals("s:string | n:long | t:string | d:dynamic | e:dynamic\n\"\" | null | \"null\" | null | \"\"",
                record("print s = '', n = long(null), t = 'null', d = dynamic(null), e = dynamic('')"));
    }

    @Test
    void realsAreRoundedToTwelveSignificantDigitsAlsoInsideDynamics() throws IOException {
        assertEquals("a:real | b:real | c:dynamic | d:real\n0.3 | 0.333333333333 | [0.3,{\"x\":0.666666666667}] | 1E+20",
                record("print a = 0.1 + 0.2, b = 1.0 / 3, c = dynamic([0.30000000000000004, {'x': 0.6666666666666666}]),"
                        + " d = 1e20"));
    }

    @Test
    void rowsortSortsTheRowsAndNosortKeepsTheirOrder() throws IOException {
        assertEquals("x:long\n1\n2\n3", record("query rowsort", "range x from 3 to 1 step -1"));
        assertEquals("x:long\n3\n2\n1", record("query nosort", "range x from 3 to 1 step -1"));
        assertTrue(outcome("query nosort\nrange x from 3 to 1 step -1\n----\nx:long\n1\n2\n3\n")
                .contains("output differs"));
    }

    @Test
    void anEmptyResultIsItsHeaderAndAMarker() throws IOException {
        assertEquals("x:long\n(no rows)", record("query rowsort", "range x from 1 to 3 step 1 | where x > 5"));
    }

    @Test
    void theSortModeIsAlwaysWrittenAndOrderedQueriesSayNosort() throws IOException {
        assertTrue(outcome("query\nprint 1\n----\nprint_0:long\n1\n").contains("'query rowsort' or 'query nosort'"));
        assertTrue(outcome("query rowsort nosort\nprint 1\n----\nprint_0:long\n1\n").contains("'query rowsort'"));
        assertTrue(outcome("query rowsort IT\nprint 1\n----\nprint_0:long\n1\n").contains("unknown query argument"));
        String ordered = outcome("query rowsort\nrange x from 1 to 3 step 1 | sort by x desc | project x\n----\nx:long\n1\n");
        assertTrue(ordered.contains("must say nosort"), ordered);
        assertTrue(QueryBlockKind.ordersItsOutput("T | top 3 by x | where x > 1"));
        assertTrue(QueryBlockKind.ordersItsOutput("let n = 2; T | order by x | take n"));
        assertFalse(QueryBlockKind.ordersItsOutput("T | sort by x | summarize count()"));
        assertFalse(QueryBlockKind.ordersItsOutput("T | where x > 1"));
    }

    @Test
    void anIgnoredCellMatchesAnythingAndUpdateKeepsIt() throws IOException {
        String file = "query nosort\nprint a = 1, g = new_guid()\n----\na:long | g:guid\n1 | <ignore>\n";
        assertNull(outcome(file));
        assertTrue(outcome(file.replace("1 | <ignore>", "2 | <ignore>")).contains("output differs"));
        Path own = Files.createTempDirectory(dir, "update");
        Path path = own.resolve("u.kqltest");
        Files.writeString(path, file.replace("1 | <ignore>", "7 | <ignore>"), StandardCharsets.UTF_8);
        run(own, true, null);
        assertEquals(file, Files.readString(path, StandardCharsets.UTF_8));
    }

    @Test
    void recordedRowsSplitOnlyOutsideQuotes() {
        assertEquals(List.of("\"a | b\"", "[\"c | \\\" | d\"]", "null"),
                ResultTable.split("\"a | b\" | [\"c | \\\" | d\"] | null"));
    }

    @Test
    void setupTablesServeLaterBlocksEvenWhenOneRunsAlone() throws IOException {
        String file = """
                setup T
                datatable(k:long, s:string) [1, 'a', 2, 'b']

                query rowsort
                T | where k > 1
                ----
                k:long | s:string
                2 | "b"

                # T is replaced for the blocks below
                setup T
                T | extend k = k * 10

                # the last one
                query rowsort
                T | summarize sum(k)
                ----
                sum_k:long
                30
                """;
        Files.writeString(dir.resolve("s.kqltest"), file, StandardCharsets.UTF_8);
        assertEquals(List.of(true, true, true, true), outcomes(run(false, null)));
        List<DynamicTest> alone = run(false, "the last one");
        assertEquals(List.of("s.kqltest:15"), alone.stream().map(DynamicNode::getDisplayName).toList());
        assertEquals(List.of(true), outcomes(alone));
    }

    @Test
    void aSetupThatFailsFailsTheBlocksAfterIt() throws IOException {
        Files.writeString(dir.resolve("f.kqltest"), "setup T\nNoSuchTable\n\nquery rowsort\nT\n----\nx:long\n1\n",
                StandardCharsets.UTF_8);
        List<DynamicTest> tests = run(false, null);
        assertTrue(failure(tests.get(0)).contains("the setup block at line 1 failed"), failure(tests.get(0)));
        assertTrue(failure(tests.get(1)).contains("the setup block at line 1 failed"), failure(tests.get(1)));
    }

    @Test
    void errorBlocksRecordBindingErrorsAndRejectQueriesThatRun() throws IOException {
        String recorded = record("error", "datatable(Account:string) ['a'] | where Acount == 'x'");
        assertTrue(recorded.startsWith("error[KQL2001]: "), recorded);
        assertTrue(recorded.contains(" --> query.kql:1:41"), recorded);
        assertTrue(outcome("error\nprint 1\n----\nerror[KQL2001]: x\n").contains("the query ran and returned 1 row"));
    }

    @Test
    void aQueryThatFailsIsNotRecorded() throws IOException {
        Path path = dir.resolve("q.kqltest");
        String file = "query rowsort\nprint x = nosuchcolumn\n----\n";
        Files.writeString(path, file, StandardCharsets.UTF_8);
        List<DynamicTest> tests = run(true);
        assertTrue(failure(tests.get(0)).contains("the query failed"), failure(tests.get(0)));
        assertEquals(file, Files.readString(path, StandardCharsets.UTF_8));
    }

    /** Records {@code query rowsort} for a one-row query and returns the expected section written. */
    private String record(String query) throws IOException {
        return record("query rowsort", query);
    }

    private String record(String header, String query) throws IOException {
        Path own = Files.createTempDirectory(dir, "record");
        Path path = own.resolve("r.kqltest");
        Files.writeString(path, header + "\n" + query + "\n----\n", StandardCharsets.UTF_8);
        List<DynamicTest> tests = run(own, true, null);
        assertNull(failure(tests.get(0)));
        String text = Files.readString(path, StandardCharsets.UTF_8);
        String written = text.substring(text.indexOf("\n----\n") + 6).strip();
        assertEquals(List.of(true), outcomes(run(own, false, null)), "compare mode passes on what update wrote");
        return written;
    }

    /** The failure message of the single block of a made-up file, or null when it passes. */
    private String outcome(String file) throws IOException {
        Path own = Files.createTempDirectory(dir, "outcome");
        Files.writeString(own.resolve("o.kqltest"), file, StandardCharsets.UTF_8);
        List<DynamicTest> tests = run(own, false, null);
        assertEquals(1, tests.size());
        return failure(tests.get(0));
    }

    private List<DynamicTest> run(boolean update) {
        return run(dir, update, null);
    }

    private List<DynamicTest> run(boolean update, String filter) {
        return run(dir, update, filter);
    }

    private static List<DynamicTest> run(Path root, boolean update, String filter) {
        return flatten(new GoldenRunner(GoldenTest.kinds(), update, filter).tests(root).toList());
    }



}
