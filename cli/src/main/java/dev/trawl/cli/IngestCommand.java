package dev.trawl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.store.StoreLocation;
import dev.trawl.store.ingest.Ingest;
import dev.trawl.store.ingest.IngestSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trawl ingest}: reads export files into the store. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        versionProvider = TrawlCommand.Version.class,
        description = {
            "Reads Microsoft 365 export files into the store, for queries and rules to read.",
            "",
            "Formats are recognised from the content (gzip too): Defender XDR Streaming",
            "API exports (Event Hub messages and storage blobs), Office 365 Management",
            "Activity API content blobs, Purview / Search-UnifiedAuditLog CSV exports,",
            "Log Analytics and advanced-hunting exports (JSON lines or CSV), and plain",
            "JSON lines, CSV or Parquet of any table (--table). Audit records land in",
            "both CloudAppEvents and OfficeActivity.",
            "",
            "Nothing is stored twice: a record already in the store (same audit Id,",
            "Defender ReportId, or same content) is skipped. Nothing is dropped",
            "silently: a record that cannot be read goes to the store's quarantine with",
            "its file, line and reason. The ingest commits all at once or not at all."},
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl ingest exports/              every file under the folder, default store",
            "  trawl ingest --store ./case-42 audit.csv",
            "  trawl ingest --table SigninLogs --format json signins.jsonl",
            "  trawl ingest --table Hosts --schema Name:string,Seen:datetime,Score:real hosts.csv",
            "",
            "Exit status: 0 ingested (also when records were quarantined: see the summary), 64 usage error,",
            "74 a file could not be read or the store written, 70 internal failure."})
final class IngestCommand implements Callable<Integer> {
    enum Format {
        TEXT, JSON
    }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Export files or folders (read recursively).")
    private List<Path> paths;

    @Option(names = "--store", paramLabel = "DIR",
            description = "The store folder (created if missing). Default: $TRAWL_STORE, else the per-user data "
                    + "folder (~/.local/share/trawl/store on Linux).")
    private Path store;

    @Option(names = "--table", paramLabel = "NAME",
            description = "The table of rows whose file does not say (plain JSON lines or CSV without a Type column).")
    private String table;

    @Option(names = "--schema", paramLabel = "COLUMNS",
            description = "The columns of the --table table as name:type,name:type (KQL types: string, long, real, "
                    + "bool, datetime, timespan, guid, dynamic...), when it is new to the store. Without it, types are "
                    + "inferred from the first value of each column.")
    private String schema;

    @Option(names = "--max-record-bytes", paramLabel = "N", defaultValue = "" + Ingest.DEFAULT_MAX_RECORD_BYTES,
            description = "Quarantine records longer than this (default ${DEFAULT-VALUE}).")
    private int maxRecordBytes;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: the summary as one JSON object.")
    private Format format;

    @Option(names = "--no-progress", description = "No progress bar (it is shown only on a terminal anyway).")
    private boolean noProgress;

    @Override
    public Integer call() throws IOException {
        Path root = store != null ? store : StoreLocation.defaultStore();
        if (table != null && !table.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
            throw new UsageException("--table: '" + table + "' is not a table name (letters, digits, _)");
        }
        dev.trawl.kql.plan.Schema columns = null;
        if (schema != null) {
            if (table == null) {
                throw new UsageException("--schema describes the --table table; give --table too");
            }
            columns = parseSchema(schema);
        }
        if (maxRecordBytes < 1024) {
            throw new UsageException("--max-record-bytes: at least 1024");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = !noProgress && System.console() != null ? new ProgressBar(err) : null;
        IngestSummary summary;
        try {
            summary = new Ingest(root, new Ingest.Options(table, maxRecordBytes, Ingest.FLUSH_ROWS, columns),
                    bar == null ? Ingest.Progress.NONE : bar).run(paths);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("no such file or folder: " + e.getFile());
        } finally {
            if (bar != null) {
                bar.done();
            }
        }
        if (format == Format.JSON) {
            out.println(new ObjectMapper().writeValueAsString(summary.toJson()));
        } else {
            out.printf("Ingested %d file(s), %,d bytes, %,d record(s) in %.1f s into %s%n", summary.files(), summary.bytes(),
                    summary.recordsRead(), summary.seconds(), summary.store());
            for (Map.Entry<String, Long> entry : summary.ingested().entrySet()) {
                out.printf("  %-28s %,d new row(s)%n", entry.getKey(), entry.getValue());
            }
            out.printf("  duplicates skipped           %,d%n", summary.duplicates());
            if (!summary.skippedFiles().isEmpty()) {
                out.printf("  not exports, not read        %,d file(s) (documentation, licences, metadata)%n",
                        summary.skippedFiles().size());
            }
            out.printf("  quarantined                  %,d%s%n", summary.quarantined(),
                    summary.quarantineFile() == null ? "" : "  (see " + summary.quarantineFile() + ")");
        }
        out.flush();
        return ExitCode.OK;
    }

    static dev.trawl.kql.plan.Schema parseSchema(String text) {
        java.util.List<dev.trawl.kql.plan.Schema.Field> fields = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            String[] pair = part.trim().split(":");
            dev.trawl.kql.types.ScalarType type = pair.length == 2 ? dev.trawl.kql.types.ScalarType.fromName(pair[1].trim()) : null;
            if (type == null || !pair[0].trim().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new UsageException("--schema: '" + part.trim() + "' is not name:type (e.g. Timestamp:datetime)");
            }
            fields.add(new dev.trawl.kql.plan.Schema.Field(pair[0].trim(), type));
        }
        return new dev.trawl.kql.plan.Schema(fields);
    }
}
