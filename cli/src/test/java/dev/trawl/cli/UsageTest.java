package dev.trawl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Help, version, and the exit codes of DESIGN §6 for everything that is not a query's own problem. */
class UsageTest {
    @TempDir
    Path dir;

    private static void assertNoStackTrace(Trawl.Result result) {
        assertFalse(result.err().contains("\tat ") || result.out().contains("\tat "), result.err());
        assertFalse(result.err().contains("Exception") || result.out().contains("Exception"), result.err());
    }

    @Test
    void helpTeachesWithExamples() {
        Trawl.Result result = Trawl.run("--help");

        assertEquals(ExitCode.OK, result.exitCode());
        assertTrue(result.out().startsWith("Usage: trawl [-hV] COMMAND"), result.out());
        assertTrue(result.out().contains("Examples:"), result.out());
        assertTrue(result.out().contains("trawl check rules/MailItemsAccessedTimeSeries.yaml"), result.out());
        assertTrue(result.out().contains("Exit status: 0"), result.out());
    }

    @Test
    void everyCommandIsListedAndHasHelpWithExamples() {
        String help = Trawl.run("--help").out();
        for (String command : new String[] {"check", "lint", "query", "ingest", "hunt", "backtest", "demo"}) {
            assertTrue(help.contains("\n  " + command + " "), command + " is listed: " + help);
            Trawl.Result own = Trawl.run(command, "--help");
            assertEquals(ExitCode.OK, own.exitCode(), command);
            assertTrue(own.out().contains("Examples:") && own.out().contains("trawl " + command), command + ": " + own.out());
        }
    }

    @Test
    void checkHelpExplainsInputsAndTheSyntaxOnlyFlag() {
        Trawl.Result result = Trawl.run("check", "--help");
        Trawl.Result viaHelpCommand = Trawl.run("help", "check");

        assertEquals(ExitCode.OK, result.exitCode());
        assertTrue(result.out().contains("--syntax-only"), result.out());
        assertTrue(result.out().contains(".yaml .yml"), result.out());
        assertTrue(result.out().contains("--jsonl"), result.out());
        assertEquals(result.out(), viaHelpCommand.out());
    }

    @Test
    void versionNamesTrawlAndJava() {
        Trawl.Result result = Trawl.run("--version");

        assertEquals(ExitCode.OK, result.exitCode());
        assertTrue(result.out().matches("trawl \\d+\\.\\d+\\.\\d+\\S*\nJava .*\n"), result.out());
    }

    @Test
    void noCommandIsAUsageError() {
        Trawl.Result result = Trawl.run();

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().startsWith("Usage: trawl"), result.err());
    }

    @Test
    void noInputIsAUsageError() {
        Trawl.Result result = Trawl.run("check");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals("trawl: no input: give one or more FILEs, '-' for standard input, or --jsonl FILE.jsonl\n"
                + "Try 'trawl check --help' for more information.\n", result.err());
        assertEquals("", result.out());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Trawl.Result result = Trawl.run("check", "--bogus", "x.kql");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().startsWith("trawl: Unknown option: '--bogus'"), result.err());
        assertTrue(result.err().endsWith("Try 'trawl check --help' for more information.\n"), result.err());
    }

    @Test
    void anUnknownFormatIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("q.kql"), "T");

        Trawl.Result result = Trawl.run("check", "--format", "xml", file.toString());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().contains("--format"), result.err());
    }

    @Test
    void aMissingFileIsOneLineAndAUsageError() throws IOException {
        Path present = Files.writeString(dir.resolve("present.kql"), "T");
        Path missing = dir.resolve("missing.kql");

        Trawl.Result result = Trawl.run("check", present.toString(), missing.toString());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals("trawl: no such file: " + missing + "\n", result.err());
        assertEquals("", result.out(), "nothing is checked when an argument is wrong");
        assertNoStackTrace(result);
    }

    @Test
    void aMissingJsonLinesFileIsAUsageError() {
        Trawl.Result result = Trawl.run("check", "--jsonl", dir.resolve("none.jsonl").toString());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals("trawl: no such file: " + dir.resolve("none.jsonl") + "\n", result.err());
    }

    @Test
    void aDirectoryIsAUsageError() {
        Trawl.Result result = Trawl.run("check", dir.toString());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().startsWith("trawl: " + dir + " is a directory"), result.err());
    }

    @Test
    void anUnknownFileKindIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("query.sql"), "select 1");

        Trawl.Result result = Trawl.run("check", file.toString());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().startsWith("trawl: cannot tell what kind of file '" + file + "' is"), result.err());
    }

    @Test
    void filesAndJsonLinesTogetherAreAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("q.kql"), "T");
        Path lines = Files.writeString(dir.resolve("q.jsonl"), "{\"query\":\"T\"}\n");

        Trawl.Result result = Trawl.run("check", "--jsonl", lines.toString(), file.toString());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().startsWith("trawl: give FILEs or --jsonl FILE.jsonl, not both"), result.err());
    }

    @Test
    void standardInputTwiceIsAUsageError() {
        Trawl.Result result = Trawl.run("check", "-", "-");

        assertEquals(ExitCode.USAGE, result.exitCode());
    }

    /** Stands in for any bug: a command that fails the way a bug would. */
    @Command(name = "fail")
    static final class FailingCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("index out of step\nsecond line");
        }
    }

    @Test
    void anInternalFailureIsOneLineAndExitCode70() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err);
        CommandLine commandLine = Main.commandLine(InputStream.nullInputStream(), new PrintWriter(out), errWriter);
        commandLine.addSubcommand("fail", new FailingCommand());
        commandLine.setErr(errWriter); // reaches the command just added

        int exitCode = commandLine.execute("fail");

        assertEquals(ExitCode.INTERNAL, exitCode);
        assertEquals("trawl: internal error: java.lang.IllegalStateException: index out of step "
                + "(this is a bug in trawl; set TRAWL_DEBUG=1 for details)\n", err.toString());
        assertEquals("", out.toString());
    }
}
