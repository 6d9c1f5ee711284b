package dev.trawl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code trawl} command: help, version, and the subcommands. */
@Command(name = "trawl",
        mixinStandardHelpOptions = true,
        versionProvider = TrawlCommand.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Runs Microsoft Sentinel and Defender XDR KQL hunting rules over your own exported "
                    + "Microsoft 365 audit logs.",
            "",
            "Start with 'trawl demo': a generated tenant, the seed rule and Trawl's per-actor rule with and "
                    + "without exclusions, and an HTML report, in under a minute.",
            "",
            "trawl checks and lints queries (every finding with its file, line and column), reads exports "
                    + "into its store, runs queries and rules over it (alerts, exclusions, reports), and replays "
                    + "rules over past periods."},
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  See it all on a generated tenant:",
            "    trawl demo",
            "  Run a rule over the store, with exclusions and a report:",
            "    trawl hunt --rule rules/MailItemsAccessedPerActor.yaml \\",
            "        --exclusions rules/exclusions/mailitemsaccessed.yaml \\",
            "        --report report.html",
            "  Replay it hourly over two days with a threshold sweep:",
            "    trawl backtest --rule rules/MailItemsAccessedTimeSeries.yaml --from 2026-11-30T00:00:00Z \\",
            "        --to 2026-12-02T00:00:00Z --every 6h --threshold 1.5,3",
            "  Find a rule's weaknesses (joins on unbinned time, unused lets, tenant-wide series...):",
            "    trawl lint rules/MailItemsAccessedTimeSeries.yaml",
            "  Check a Sentinel rule (also one pasted without its YAML indentation):",
            "    trawl check rules/MailItemsAccessedTimeSeries.yaml",
            "  Check every query of a collection, one JSON result per line:",
            "    trawl check --format json --jsonl queries.jsonl",
            "  Check the KQL blocks of a Markdown page, or a query from standard input:",
            "    trawl check hunting-queries.md",
            "    echo 'CloudAppEvents | take 10' | trawl check -",
            "  Read exports (Streaming API, Management Activity API, Purview CSV...) into the store:",
            "    trawl ingest exports/",
            "  Run a query over the store:",
            "    trawl query --now 2024-01-31T12:00:00Z -f hunt.kql",
            "  Run a query over the tables it defines:",
            "    trawl query --now 2024-01-31T12:00:00Z 'range t from ago(3h) to now() step 1h | extend h = hourofday(t)'",
            "",
            "Exit status: 0 ok, 65 a query has an error, 64 usage error, 74 a file could not be read or "
                    + "written, 70 internal failure.",
            "Run 'trawl help COMMAND' for a command's options."})
final class TrawlCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** {@code trawl} alone is a usage error: show what it can do. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The project version (written into the jar at build time) and the Java it runs on. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "trawl " + properties.getProperty("version", "(unknown version)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
