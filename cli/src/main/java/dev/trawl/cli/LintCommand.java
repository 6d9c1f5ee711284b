package dev.trawl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.cli.QueryInput.Query;
import dev.trawl.cli.QueryInput.Unreadable;
import dev.trawl.cli.QuerySources.Input;
import dev.trawl.cli.QuerySources.Kind;
import dev.trawl.hunt.Rule;
import dev.trawl.hunt.lint.RuleLinter;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.SourceText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trawl lint}: reads queries as {@code trawl check} does and reports what the rule linter finds,
 * at file lines and columns; exits 65 when it finds anything.
 */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        versionProvider = TrawlCommand.Version.class,
        description = {
            "Finds what makes a valid hunting rule miss what it hunts for, and says how to fix it.",
            "",
            "Warnings (each has a stable code, to match on):",
            "  KQL5001  a join of a make-series time axis (bin starts, after mv-expand) with a raw",
            "           event time: only events exactly at a bin start match. Bin the raw side.",
            "  KQL5002  a let that is never used, such as a threshold that filters nothing.",
            "  KQL5003  a make-series without 'by' that drops the entity columns the query carries",
            "           into it (or whose rule maps entities): one tenant-wide series.",
            "  KQL5004  a join of the default kind innerunique whose left side can repeat a key:",
            "           Kusto keeps one left row per key and silently drops the rest.",
            "Errors: syntax errors (KQL1xxx), and unknown names and type errors (KQL2xxx) in queries",
            "over the built-in tables (CloudAppEvents, OfficeActivity).",
            "",
            "Files are read as by 'trawl check': .kql .csl .kusto .txt (one query), .yaml .yml (a rule;",
            "also one pasted without its indentation), .md (each ```kql block), .jsonl (each line's",
            "\"query\"), '-' (standard input). Positions are file lines and columns."},
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  Lint a Sentinel rule:",
            "    trawl lint rules/MailItemsAccessedTimeSeries.yaml",
            "  Lint every rule in a folder, one JSON object per finding:",
            "    trawl lint --format json rules/*.yaml",
            "  Lint a query from standard input:",
            "    echo 'let unused = 1; CloudAppEvents | take 10' | trawl lint -",
            "",
            "Exit status: 0 no findings, 65 at least one finding (warning or error) or a query that "
                    + "could not be read, 64 usage error, 74 a file could not be read, 70 internal failure."})
final class LintCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which format lint writes on standard output. */
    enum Format {
        TEXT, JSON
    }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Query, rule, Markdown or JSON-lines files; '-' reads one query from standard input.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default): each finding drawn under its source line, then a summary. "
                    + "json: one object per finding per line: {\"id\", \"code\", \"severity\", \"line\", "
                    + "\"column\", \"endLine\", \"endColumn\", \"message\", \"help\"}; a query that cannot be "
                    + "read is {\"id\", \"severity\":\"error\", \"message\"}.")
    private Format format;

    private final InputStream stdin;

    LintCommand(InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    @Override
    public Integer call() throws IOException {
        List<Input> inputs = inputs();
        PrintWriter out = spec.commandLine().getOut();
        TextReport text = new TextReport(out);
        int queries = 0;
        int errors = 0;
        int warnings = 0;
        for (Input input : inputs) {
            byte[] bytes = input.isStdin() ? stdin.readAllBytes() : Files.readAllBytes(input.path());
            QuerySources.Read read = QuerySources.read(input.name(), input.kind(), bytes);
            for (String warning : read.warnings()) {
                inputWarning(text, warning);
            }
            List<String> entities = input.kind() == Kind.RULE ? entityColumns(input.name(), bytes) : List.of();
            for (QueryInput query : read.queries()) {
                queries++;
                switch (query) {
                    case Query q -> {
                        List<Diagnostic> findings = RuleLinter.lint(q.source(), entities);
                        for (Diagnostic finding : findings) {
                            if (finding.severity() == Severity.ERROR) {
                                errors++;
                            } else {
                                warnings++;
                            }
                        }
                        report(text, q, findings);
                    }
                    case Unreadable u -> {
                        errors++;
                        unreadable(text, u);
                    }
                }
            }
            out.flush();
        }
        if (format == Format.TEXT) {
            out.print("linted " + count(queries, "query", "queries") + ": " + count(errors + warnings, "finding",
                    "findings") + " (" + count(errors, "error", "errors") + ", "
                    + count(warnings, "warning", "warnings") + ")\n");
        }
        return errors + warnings > 0 ? ExitCode.QUERY_ERROR : ExitCode.OK;
    }

    /** The same inputs as check's, checked before anything is read so a typo fails fast. */
    private List<Input> inputs() {
        return QuerySources.inputs(spec.commandLine(), files);
    }

    /** The rule's entity mappings; a file that is not UTF-8 has none (its query is reported unreadable). */
    private static List<String> entityColumns(String name, byte[] bytes) {
        try {
            return Rule.read(new SourceText(name, QuerySources.decodeUtf8(bytes, 0, bytes.length))).entityColumns();
        } catch (QuerySources.InvalidUtf8Exception | Rule.RuleException e) {
            // Not a rule with a query: the query is reported as unreadable where it is read.
            return List.of();
        }
    }

    private void report(TextReport text, Query query, List<Diagnostic> findings) {
        if (format == Format.TEXT) {
            text.checked(query, findings);
            return;
        }
        for (Diagnostic finding : findings) {
            ObjectNode object = JSON.createObjectNode();
            object.put("id", query.id());
            object.setAll(JsonReport.toJson(CheckReport.Located.of(query, finding)));
            write(object);
        }
    }

    private void unreadable(TextReport text, Unreadable query) {
        if (format == Format.TEXT) {
            text.unreadable(query);
            return;
        }
        ObjectNode object = JSON.createObjectNode();
        object.put("id", query.id());
        object.put("severity", Severity.ERROR.label());
        object.put("message", query.message());
        write(object);
    }

    /** Standard output stays findings only in JSON; notes about an input go to standard error there. */
    private void inputWarning(TextReport text, String warning) {
        if (format == Format.TEXT) {
            text.inputWarning(warning);
        } else {
            spec.commandLine().getErr().print("warning: " + warning + "\n");
        }
    }

    private void write(ObjectNode object) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.print(JSON.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new InternalFailure("could not write a JSON finding", e);
        }
        out.print('\n');
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
