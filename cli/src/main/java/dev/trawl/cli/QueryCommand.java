package dev.trawl.cli;

import dev.trawl.hunt.AlertJson;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.engine.exec.Engine;
import dev.trawl.store.Store;
import dev.trawl.store.StoreLocation;
import dev.trawl.store.StoreTables;
import dev.trawl.engine.exec.QueryException;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.syntax.SourceText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trawl query}: runs one query and prints its result table. */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        versionProvider = TrawlCommand.Version.class,
        description = {
            "Runs a KQL query and prints the result of its last statement.",
            "",
            "Tables in scope: every table of the store ('trawl ingest' fills it; --store DIR, else the",
            "default store when there is one), and those the query defines itself (datatable, range, print,",
            "let). Scans read only the columns the query uses and skip days its time filters exclude."},
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl query 'print now(), ago(1h)'",
            "  trawl query --now 2024-01-31T12:00:00Z 'range t from ago(3h) to now() step 1h'",
            "  trawl query --format json -f hunt.kql",
            "  trawl query --store ./case-42 'CloudAppEvents | summarize count() by ActionType'",
            "",
            "Exit status: 0 ok, 65 the query has an error, 64 usage error, 70 internal failure."})
final class QueryCommand implements Callable<Integer> {
    /** How the result is printed. */
    enum Format {
        TABLE, JSON, CSV
    }

    static final class Source {
        @Parameters(paramLabel = "QUERY", arity = "1", description = "The query text.")
        String text;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the query from a file ('-': standard input).")
        String file;
    }

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default): aligned columns. json: {\"columns\":[{\"name\",\"type\"}],\"rows\":[[...]]}. "
                    + "csv: a header line and one line per row.")
    private Format format;

    @Option(names = "--now", paramLabel = "DATETIME",
            description = "Fix now() and ago() to this UTC time (ISO 8601), for reproducible runs.")
    private String now;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Read the tables of this store. Default: the default store ($TRAWL_STORE, else the per-user "
                    + "data folder), when it exists.")
    private Path store;

    private final InputStream stdin;

    QueryCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        SourceText query = readQuery();
        Instant fixedNow = null;
        if (now != null) {
            Long ticks = LiteralValues.datetimeTicks(now);
            if (ticks == null) {
                throw new UsageException("--now: '" + now + "' is not a datetime (use ISO 8601, e.g. 2024-01-31T12:00:00Z)");
            }
            fixedNow = Instant.ofEpochSecond(ticks / LiteralValues.TICKS_PER_SECOND - LiteralValues.EPOCH_OFFSET_SECONDS,
                    (ticks % LiteralValues.TICKS_PER_SECOND) * 100);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        QueryResult result;
        try {
            Engine engine = new Engine(fixedNow);
            Path root = store != null ? store : StoreLocation.defaultStore();
            if (store != null || Files.exists(root.resolve("manifest.json"))) {
                StoreTables.register(engine, Store.open(root));
            }
            result = engine.run(query);
        } catch (QueryException failure) {
            for (Diagnostic diagnostic : failure.diagnostics()) {
                err.print(DiagnosticRenderer.render(query, diagnostic));
            }
            return ExitCode.QUERY_ERROR;
        }
        switch (format) {
            case TABLE -> printTable(result, out);
            case JSON -> printJson(result, out);
            case CSV -> printCsv(result, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    private SourceText readQuery() throws IOException {
        if (source.text != null) {
            return new SourceText("<query>", source.text);
        }
        if (source.file.equals("-")) {
            return new SourceText("<stdin>", new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
        }
        try {
            return new SourceText(source.file, Files.readString(Path.of(source.file)));
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + source.file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UsageException(source.file + " is not UTF-8 text");
        }
    }

    static void printTable(QueryResult result, PrintWriter out) {
        int columns = result.columns().size();
        int[] widths = new int[columns];
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = result.columns().get(c).name();
            widths[c] = header[c].length();
        }
        for (int r = 0; r < result.rowCount(); r++) {
            String[] row = new String[columns];
            for (int c = 0; c < columns; c++) {
                String text = result.text(r, c);
                row[c] = text == null ? "" : text.replace("\n", "\\n");
                widths[c] = Math.max(widths[c], row[c].length());
            }
            cells.add(row);
        }
        printRow(out, header, widths);
        String[] rule = new String[columns];
        for (int c = 0; c < columns; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        printRow(out, rule, widths);
        for (String[] row : cells) {
            printRow(out, row, widths);
        }
        out.println("(" + result.rowCount() + (result.rowCount() == 1 ? " row)" : " rows)"));
    }

    private static void printRow(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(cells[c]);
            if (c < cells.length - 1) {
                line.append(" ".repeat(widths[c] - cells[c].length()));
            }
        }
        out.println(line);
    }

    /** Datetimes as ISO 8601 strings, timespans in Kusto's form, dynamics embedded as JSON, nulls as null. */
    static void printJson(QueryResult result, PrintWriter out) throws IOException {
        StringWriter buffer = new StringWriter();
        ObjectMapper mapper = new ObjectMapper();
        try (JsonGenerator json = mapper.getFactory().createGenerator(buffer)) {
            json.writeStartObject();
            json.writeArrayFieldStart("columns");
            for (QueryResult.Column column : result.columns()) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                json.writeStringField("type", column.type().kqlName());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
            for (int r = 0; r < result.rowCount(); r++) {
                json.writeStartArray();
                for (int c = 0; c < result.columns().size(); c++) {
                    AlertJson.writeCell(json, result.columns().get(c).type(), result.value(r, c));
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.println(buffer);
    }

    static void printCsv(QueryResult result, PrintWriter out) {
        List<String> header = new ArrayList<>();
        for (QueryResult.Column column : result.columns()) {
            header.add(csv(column.name()));
        }
        out.println(String.join(",", header));
        for (int r = 0; r < result.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < result.columns().size(); c++) {
                String text = result.text(r, c);
                row.add(text == null ? "" : csv(text));
            }
            out.println(String.join(",", row));
        }
    }

    private static String csv(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
