package dev.trawl.cli;

import dev.trawl.engine.exec.QueryException;
import dev.trawl.hunt.AlertJson;
import dev.trawl.hunt.AnomalyQueries;
import dev.trawl.hunt.Exclusions;
import dev.trawl.hunt.Hunt;
import dev.trawl.hunt.Rule;
import dev.trawl.hunt.RunReport;
import dev.trawl.hunt.lint.RuleLinter;
import dev.trawl.hunt.report.HtmlReport;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.SourceText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trawl hunt}: one run of a rule over the store, as a scheduler would run it, with alerts. */
@Command(name = "hunt",
        mixinStandardHelpOptions = true,
        versionProvider = TrawlCommand.Version.class,
        description = {
            "Runs a Sentinel / Defender rule over the store and prints its alerts.",
            "",
            "The rule runs verbatim as of one moment (--now). An alert carries the rule,",
            "the time window, the entities (accounts, mailboxes, IPs, apps) and the",
            "evidence rows.",
            "",
            "The rule file is YAML (id, name, description, severity, tactics, query,",
            "queryFrequency, queryPeriod, triggerOperator, triggerThreshold,",
            "entityMappings), also when pasted without its indentation, or a bare .kql",
            "query. Result rows become alerts as eventGroupingSettings says (SingleAlert,",
            "AlertPerResult), else by the hour of their Timestamp, consecutive hours that",
            "share an entity making one alert. Without entityMappings, entities",
            "come from well-known columns (AccountUpn, UserId, MailboxOwnerUPN, IPAddress,",
            "OAuthAppId, ..., and those properties of RawEventData).",
            "",
            "--exclusions takes a YAML file of known-benign activity (see rules/): each",
            "exclusion's rows are hidden from the rule before it builds its series, and",
            "the run says how many rows each one removed, so an exclusion that swallows",
            "an attack is visible."},
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl hunt --rule rules/MailItemsAccessedTimeSeries.yaml \\",
            "      --now 2026-12-02T06:00:00Z",
            "  trawl hunt --rule rules/MailItemsAccessedPerActor.yaml \\",
            "      --exclusions rules/exclusions/mailitemsaccessed.yaml \\",
            "      --report report.html",
            "  trawl hunt --rule hunt.kql --store ./case-42 --format json > alerts.jsonl",
            "",
            "Exit status: 0 the rule ran (with or without alerts), 65 the rule, its query",
            "or an exclusion has an error, 64 usage error, 74 a file could not be read or",
            "written, 70 internal failure."})
final class HuntCommand implements Callable<Integer> {
    enum Format {
        TABLE, JSON, MD
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--rule", paramLabel = "FILE", required = true,
            description = "The rule: Sentinel/Defender YAML, or a .kql file.")
    private Path rule;

    @Option(names = "--store", paramLabel = "DIR",
            description = "The store to read. Default: $TRAWL_STORE, else the per-user data folder.")
    private Path store;

    @Option(names = "--now", paramLabel = "DATETIME",
            description = "The run's now() (ISO 8601, UTC), for a reproducible run or one in the past. Default: the clock.")
    private String now;

    @Option(names = "--exclusions", paramLabel = "FILE", description = "Known-benign activity to hide from the rule (YAML).")
    private Path exclusions;

    @Option(names = "--threshold", paramLabel = "X",
            description = "Run with this series_decompose_anomalies threshold instead of the rule's (only that literal changes).")
    private Double threshold;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json (one alert object per line) or md (Markdown).")
    private Format format;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report: the rule's series with baseline, threshold band and"
                    + " anomalies, the alerts, the exclusion counts and the linter's notes.")
    private Path report;

    @Option(names = "--max-evidence", paramLabel = "N", defaultValue = "20",
            description = "Evidence rows kept per alert (all are counted). Default ${DEFAULT-VALUE}.")
    private int maxEvidence;

    @Override
    public Integer call() throws IOException, RuleRuns.RuleFailure {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxEvidence < 0) {
            throw new UsageException("--max-evidence: not negative");
        }
        Rule parsed = RuleRuns.readRule(rule, err);
        Exclusions excluded = RuleRuns.readExclusions(exclusions);
        Instant at = RuleRuns.now(now, "--now");
        Hunt.Tables tables = RuleRuns.storeTables(store);
        SourceText query = new SourceText(parsed.source().name() + "#query", parsed.query().text());
        // A rule's known weaknesses are said, not hidden: the linter's findings go to standard error (and the report).
        List<Diagnostic> findings = RuleLinter.lint(query, parsed.entityColumns()).stream()
                .filter(d -> d.severity() != Severity.ERROR).toList();
        RuleRuns.printDiagnostics(findings, parsed, query, err);
        if (threshold != null) {
            AnomalyQueries.ThresholdSite site = AnomalyQueries.threshold(query).orElseThrow(() -> new UsageException(
                    "--threshold: the rule has no series_decompose_anomalies threshold written as a literal or a let of one"));
            query = AnomalyQueries.withThreshold(query, site, threshold);
        }
        Hunt.Run run;
        try {
            run = Hunt.run(parsed, query, tables, new Hunt.Options(at, excluded, maxEvidence));
        } catch (QueryException failure) {
            RuleRuns.printDiagnostics(failure.diagnostics(), parsed, query, err);
            return ExitCode.QUERY_ERROR;
        } catch (Hunt.ExclusionError failure) {
            RuleRuns.printExclusionDiagnostics(failure, err);
            return ExitCode.QUERY_ERROR;
        }
        Hunt.Options options = new Hunt.Options(at, excluded, maxEvidence);
        List<AnomalyQueries.SeriesView> series = format == Format.TABLE || report != null
                ? AnomalyQueries.series(query, tables, options) : List.of();
        switch (format) {
            case JSON -> run.alerts().forEach(a -> out.println(AlertJson.line(a, at)));
            case TABLE -> {
                AlertText.print(run, out);
                AlertText.printSparklines(series, run.alerts(), out);
            }
            case MD -> AlertText.printMarkdown(run, out);
        }
        if (report != null) {
            HtmlReport.write(RunReport.of(run, series, findings), report);
            err.println("report: " + report.toAbsolutePath());
        }
        if (format == Format.JSON) {
            err.println(AlertText.summaryLine(run));
        }
        out.flush();
        return ExitCode.OK;
    }
}
