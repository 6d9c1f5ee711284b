package dev.trawl.cli;

import dev.trawl.cli.QueryInput.Query;
import dev.trawl.cli.QueryInput.Unreadable;
import dev.trawl.cli.QuerySources.Input;
import dev.trawl.cli.QuerySources.Kind;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.kql.bind.Binder;
import dev.trawl.kql.bind.BuiltinTables;
import dev.trawl.kql.syntax.ParseResult;
import dev.trawl.kql.syntax.Parser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trawl check}: reads queries from files, parses each, and reports every diagnostic. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = TrawlCommand.Version.class,
        description = {
            "Parses and binds each query and reports every diagnostic, then a summary.",
            "",
            "What is one query:",
            "  .kql .csl .kusto .txt  the whole file",
            "  .yaml .yml             a Sentinel/Defender rule's 'query:'; a rule pasted",
            "                         without its indentation is read with a warning;",
            "                         in an exclusions file, each exclusion's 'where'",
            "                         (as '<table> | where ...', named file#exclusion)",
            "  .md                    each ```kql or ```kusto block (file.md#0, #1, ...)",
            "  --jsonl FILE.jsonl     each line's \"query\" (id: its \"id\", else 'line N')",
            "  -                      standard input",
            "",
            "Positions are file lines and columns, also inside a rule's query block or a",
            "Markdown block; for --jsonl they count from the start of the query."},
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl check rules/MailItemsAccessedTimeSeries.yaml",
            "  trawl check --format json --jsonl queries.jsonl",
            "  echo 'CloudAppEvents | take 10' | trawl check -",
            "",
            "Exit status: 0 every query ok (warnings allowed), 65 a query has an error or could not be "
                    + "read, 64 usage error (unknown option, missing file, no input), 70 internal failure."})
final class CheckCommand implements Callable<Integer> {

    /** Which format check writes on standard output. */
    enum Format {
        TEXT, JSON
    }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Query, rule or Markdown files; '-' reads one query from standard input.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--jsonl", paramLabel = "FILE.jsonl",
            description = "Read queries from a JSON-lines file: one object per line with a \"query\" and an "
                    + "optional \"id\". A line that is not such an object is reported as an error.")
    private String jsonLines;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default): diagnostics drawn with the source line and a summary. "
                    + "json: one object per query per line: {\"id\", \"ok\", \"diagnostics\": [{\"code\", "
                    + "\"severity\", \"line\", \"column\", \"endLine\", \"endColumn\", \"message\", \"help\"}]}.")
    private Format format;

    @Option(names = "--syntax-only",
            description = "Only parse. Without this flag check also resolves every name and type against the "
                    + "built-in tables (CloudAppEvents, OfficeActivity) and Trawl's functions.")
    private boolean syntaxOnly;

    private final InputStream stdin;

    CheckCommand(InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    @Override
    public Integer call() {
        List<Input> inputs = inputs();
        PrintWriter out = spec.commandLine().getOut();
        CheckReport report = format == Format.JSON
                ? new JsonReport(out, spec.commandLine().getErr())
                : new TextReport(out);
        CheckReport.Tally tally = new CheckReport.Tally();
        for (Input input : inputs) {
            QuerySources.Read read = QuerySources.read(input.name(), input.kind(), bytesOf(input));
            for (String warning : read.warnings()) {
                report.inputWarning(warning);
                tally.addWarning();
            }
            for (QueryInput query : read.queries()) {
                switch (query) {
                    case Query q -> {
                        List<Diagnostic> diagnostics = parse(q);
                        tally.add(q, diagnostics);
                        report.checked(q, diagnostics);
                    }
                    case Unreadable u -> {
                        tally.add(u);
                        report.unreadable(u);
                    }
                }
            }
            out.flush();
        }
        report.finish(tally);
        return tally.anyErrors() ? ExitCode.QUERY_ERROR : ExitCode.OK;
    }

    /** Checks the whole command line before reading anything, so a typo fails fast with nothing half-done. */
    private List<Input> inputs() {
        if (files.isEmpty() && jsonLines == null) {
            throw new ParameterException(spec.commandLine(),
                    "no input: give one or more FILEs, '-' for standard input, or --jsonl FILE.jsonl");
        }
        if (!files.isEmpty() && jsonLines != null) {
            throw new ParameterException(spec.commandLine(), "give FILEs or --jsonl FILE.jsonl, not both");
        }
        if (jsonLines != null) {
            return List.of(new Input(jsonLines, QuerySources.existingFile(jsonLines), Kind.JSON_LINES));
        }
        return QuerySources.inputs(spec.commandLine(), files);
    }

    private byte[] bytesOf(Input input) {
        try {
            return input.isStdin() ? stdin.readAllBytes() : Files.readAllBytes(input.path());
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + input.name());
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read " + input.name() + ": permission denied");
        } catch (IOException e) {
            throw new UsageException("cannot read " + input.name() + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new UsageException(input.name() + " is too large to read into memory");
        }
    }

    /**
     * Parses, then (unless --syntax-only) binds against the built-in table schemas and the function
     * registry. A crash is a bug; name the query it happened on, for the report.
     */
    private List<Diagnostic> parse(Query query) {
        ParseResult parsed;
        try {
            parsed = Parser.parse(query.source());
        } catch (RuntimeException | StackOverflowError e) {
            throw new InternalFailure("the parser failed on " + query.id(), e);
        }
        if (syntaxOnly || !parsed.ok()) {
            return parsed.diagnostics();
        }
        try {
            Binder.Result bound = new Binder(FunctionRegistry.standard(), BuiltinTables.instance()).bind(parsed.script());
            List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
            all.addAll(bound.diagnostics());
            return all;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InternalFailure("the binder failed on " + query.id(), e);
        }
    }
}
