package dev.trawl.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code trawl} program: runs one command and turns every outcome into an exit code (DESIGN §6). No
 * Java stack trace reaches the user; an internal failure is one line, plus the trace only when the
 * environment variable {@code TRAWL_DEBUG} is set.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale says: JSON must be UTF-8, and queries are full of non-ASCII names.
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8)));
        PrintWriter err = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8)));
        int exitCode = run(args, System.in, out, err);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** Runs trawl with the given arguments and streams, as the process would, and returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        try {
            return commandLine(stdin, out, err).execute(args);
        } catch (Throwable failure) { // the outermost boundary: whatever escaped becomes one line and 70
            return internalFailure(failure, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command tree; tests add commands to it. */
    static CommandLine commandLine(InputStream stdin, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new TrawlCommand());
        commandLine.addSubcommand("check", new CheckCommand(stdin));
        commandLine.addSubcommand("query", new QueryCommand(stdin));
        commandLine.addSubcommand("ingest", new IngestCommand());
        commandLine.addSubcommand("hunt", new HuntCommand());
        commandLine.addSubcommand("backtest", new BacktestCommand());
        commandLine.addSubcommand("demo", new DemoCommand());
        commandLine.addSubcommand("lint", new LintCommand(stdin));
        commandLine.addSubcommand("help", new HelpCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Main::usageError);
        commandLine.setExecutionExceptionHandler((failure, command, parseResult) -> {
            if (failure instanceof UsageException) {
                command.getErr().println("trawl: " + failure.getMessage());
                return ExitCode.USAGE;
            }
            if (failure instanceof RuleRuns.RuleFailure) {
                command.getErr().println(failure.getMessage());
                return ExitCode.QUERY_ERROR;
            }
            if (failure instanceof java.io.IOException || failure instanceof java.io.UncheckedIOException) {
                Throwable io = failure instanceof java.io.UncheckedIOException u ? u.getCause() : failure;
                String what = failure instanceof java.io.UncheckedIOException ? failure.getMessage() + ": " : "";
                command.getErr().println("trawl: " + what + describe(io));
                return ExitCode.IO_ERROR;
            }
            return internalFailure(failure, command.getErr());
        });
        return commandLine;
    }

    /** An I/O failure in words: Java's exceptions name the file but not always the problem. */
    static String describe(Throwable io) {
        String message = io.getMessage() == null ? "" : io.getMessage();
        return switch (io) {
            case java.nio.file.NoSuchFileException e -> (e.getReason() != null ? e.getFile() + ": " + e.getReason()
                    : "no such file: " + e.getFile());
            case java.nio.file.AccessDeniedException e -> "permission denied: " + e.getFile();
            case java.nio.file.FileSystemException e -> message;
            default -> message.isEmpty() ? io.getClass().getSimpleName() : message;
        };
    }

    private static int usageError(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("trawl: " + problem.getMessage());
        UnmatchedArgumentException.printSuggestions(problem, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCode.USAGE;
    }

    private static int internalFailure(Throwable failure, PrintWriter err) {
        if (failure instanceof OutOfMemoryError) {
            // Not a bug: the query kept more rows than the heap holds (a join's build side, a sort, many bags).
            err.println("trawl: out of memory: the run needed more than the " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MB of Java heap it has; give it more (bin/trawl: TRAWL_JAVA_OPTS=-Xmx8g), or narrow the query's"
                    + " time range");
            return ExitCode.INTERNAL;
        }
        StringBuilder line = new StringBuilder("trawl: internal error: ");
        if (failure instanceof InternalFailure && failure.getCause() != null) {
            line.append(failure.getMessage()).append(": ");
            failure = failure.getCause();
        }
        line.append(failure.getClass().getName());
        if (failure.getMessage() != null) {
            line.append(": ").append(failure.getMessage().lines().findFirst().orElse(""));
        }
        err.println(line.append(" (this is a bug in trawl; set TRAWL_DEBUG=1 for details)"));
        if (System.getenv("TRAWL_DEBUG") != null) {
            failure.printStackTrace(err);
        }
        return ExitCode.INTERNAL;
    }
}
