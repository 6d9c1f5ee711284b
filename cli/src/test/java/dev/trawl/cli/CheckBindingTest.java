package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --syntax-only, check resolves names and types too. */
class CheckBindingTest {
    @Test
    void theShippedSeedRuleBinds() {
        Trawl.Result result = Trawl.run("check", Trawl.repositoryRoot().resolve("rules/MailItemsAccessedTimeSeries.yaml")
                .toString());
        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("1 ok"), result.out());
    }

    @Test
    void aMisspeltColumnIsABindingErrorWithASuggestion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.kql");
        Files.writeString(file, "CloudAppEvents\n| where AccountDisplayNam == 'x'\n");
        Trawl.Result result = Trawl.run("check", file.toString());
        assertEquals(65, result.exitCode());
        assertTrue(result.out().contains("error[KQL2001]: 'AccountDisplayNam' is not a column or variable in scope"),
                result.out());
        assertTrue(result.out().contains("help: did you mean 'AccountDisplayName'?"), result.out());
        assertTrue(result.out().contains(file + ":2:9"), result.out());
    }

    @Test
    void aMisspeltFunctionInSummarizeIsAnUnknownFunction(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.kql");
        Files.writeString(file, "CloudAppEvents\n| summarize Users = dcoutn(AccountObjectId) by ActionType\n");
        Trawl.Result result = Trawl.run("check", file.toString());
        assertEquals(65, result.exitCode());
        assertTrue(result.out().contains("error[KQL2002]: unknown function 'dcoutn'"), result.out());
        assertTrue(result.out().contains("help: did you mean 'dcount'?"), result.out());
        assertTrue(result.out().contains(file + ":2:21"), result.out());
    }

    @Test
    void aBoolComparedWithAStringBindsWithAWarning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.kql");
        Files.writeString(file, "CloudAppEvents\n| where IsAdminOperation == \"true\"\n");
        Trawl.Result result = Trawl.run("check", file.toString());
        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("warning[KQL2009]: '==' between a bool and a string"), result.out());
        assertTrue(result.out().contains("1 warning"), result.out());
    }

    @Test
    void syntaxOnlySkipsBinding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.kql");
        Files.writeString(file, "NoSuchTable | take 1\n");
        assertEquals(65, Trawl.run("check", file.toString()).exitCode());
        assertEquals(0, Trawl.run("check", "--syntax-only", file.toString()).exitCode());
    }
}
