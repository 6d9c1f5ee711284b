package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trawl query: a query in, its result table out, in each format. */
class QueryCommandTest {
    @Test
    void jsonOutputHasTypedColumnsAndKustoValueForms() {
        Trawl.Result result = Trawl.run("query", "--format", "json",
                "print a = 1, b = dynamic({\"x\": [1, 2]}), c = datetime(2024-01-01), d = 1.5h, e = long(null), f = 0.5");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("{\"columns\":[{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"b\",\"type\":\"dynamic\"},"
                + "{\"name\":\"c\",\"type\":\"datetime\"},{\"name\":\"d\",\"type\":\"timespan\"},"
                + "{\"name\":\"e\",\"type\":\"long\"},{\"name\":\"f\",\"type\":\"real\"}],"
                + "\"rows\":[[1,{\"x\":[1,2]},\"2024-01-01T00:00:00.0000000Z\",\"01:30:00\",null,0.5]]}",
                result.out().strip());
    }

    @Test
    void nowIsFixedByTheOption() {
        Trawl.Result result = Trawl.run("query", "--now", "2024-01-31T12:00:00Z", "--format", "csv",
                "print t = ago(1d)");
        assertEquals("t\n2024-01-30T12:00:00.0000000Z\n", result.out().replace("\r\n", "\n"));
    }

    @Test
    void tableOutputAlignsColumnsAndCountsRows() {
        Trawl.Result result = Trawl.run("query", "datatable(name:string, n:long) ['alpha', 1, 'b', 22]");
        assertEquals(String.join("\n", "name   n", "-----  --", "alpha  1", "b      22", "(2 rows)", ""),
                result.out().replace("\r\n", "\n"));
    }

    @Test
    void aQueryErrorIsRenderedWithItsPositionAndExits65() {
        Trawl.Result result = Trawl.run("query", "print x = Acount");
        assertEquals(65, result.exitCode());
        assertTrue(result.err().contains("error[KQL2001]: 'Acount' is not a column or variable in scope"), result.err());
        assertTrue(result.err().contains("<query>:1:11"), result.err());
    }

    @Test
    void readsTheQueryFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.kql");
        Files.writeString(file, "range x from 1 to 3 step 1\n| summarize sum(x)");
        Trawl.Result result = Trawl.run("query", "--format", "csv", "-f", file.toString());
        assertEquals("sum_x\n6\n", result.out().replace("\r\n", "\n"));
    }

    @Test
    void aBadNowIsAUsageError() {
        Trawl.Result result = Trawl.run("query", "--now", "yesterday", "print 1");
        assertEquals(64, result.exitCode());
        assertTrue(result.err().contains("--now: 'yesterday' is not a datetime"), result.err());
    }
}
