package dev.trawl.cli;

import dev.trawl.engine.exec.QueryException;
import dev.trawl.hunt.Backtest;
import dev.trawl.hunt.Exclusions;
import dev.trawl.hunt.Hunt;
import dev.trawl.hunt.Rule;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.syntax.SourceText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trawl backtest}: a rule replayed over a period as a scheduler would have run it, with a threshold sweep. */
@Command(name = "backtest",
        mixinStandardHelpOptions = true,
        versionProvider = TrawlCommand.Version.class,
        description = {
            "Replays a rule over a past period, as a scheduler would have run it.",
            "",
            "One run every --every from --from to --to, each with its own now(); it prints",
            "the alerts each run raised. With --threshold, every run is repeated at each given",
            "series_decompose_anomalies threshold (only that literal of the query",
            "changes) and a table shows how many alerts each threshold raises."},
        optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  trawl backtest --rule rules/MailItemsAccessedTimeSeries.yaml \\",
            "      --from 2026-11-28T00:00:00Z --to 2026-11-30T00:00:00Z --every 6h \\",
            "      --threshold 1.5,2,3",
            "",
            "Exit status: 0 the runs completed, 65 the rule, its query or an exclusion has",
            "an error, 64 usage error, 74 a file could not be read, 70 internal failure."})
final class BacktestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--rule", paramLabel = "FILE", required = true, description = "The rule: Sentinel/Defender YAML, or a .kql file.")
    private Path rule;

    @Option(names = "--store", paramLabel = "DIR", description = "The store to read. Default: $TRAWL_STORE, else the per-user data folder.")
    private Path store;

    @Option(names = "--from", paramLabel = "DATETIME", required = true, description = "The first run's now() (ISO 8601, UTC).")
    private String from;

    @Option(names = "--to", paramLabel = "DATETIME", required = true, description = "The last run's now() at the latest.")
    private String to;

    @Option(names = "--every", paramLabel = "TIMESPAN", defaultValue = "1h",
            description = "Time between runs, a KQL timespan (default ${DEFAULT-VALUE}).")
    private String every;

    @Option(names = "--threshold", paramLabel = "X[,X...]", split = ",",
            description = "Thresholds to sweep, e.g. 1.5,2,3.")
    private List<Double> thresholds = new ArrayList<>();

    @Option(names = "--exclusions", paramLabel = "FILE", description = "Known-benign activity to hide from the rule (YAML).")
    private Path exclusions;

    @Override
    public Integer call() throws IOException, RuleRuns.RuleFailure {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Long ticks = LiteralValues.timespanTicks(every);
        if (ticks == null || ticks <= 0) {
            throw new UsageException("--every: '" + every + "' is not a positive timespan (e.g. 1h, 30m, 1d)");
        }
        for (double t : thresholds) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new UsageException("--threshold: " + t + " is not a positive number");
            }
        }
        Rule parsed = RuleRuns.readRule(rule, err);
        Exclusions excluded = RuleRuns.readExclusions(exclusions);
        Instant start = RuleRuns.now(from, "--from");
        Instant end = RuleRuns.now(to, "--to");
        Hunt.Tables tables = RuleRuns.storeTables(store);
        Backtest.Result result;
        try {
            result = Backtest.run(parsed, tables, excluded, start, end, Duration.ofNanos(ticks * 100), thresholds,
                    now -> {
                        err.print("\rrun as of " + now + " ");
                        err.flush();
                    });
            err.println();
        } catch (Backtest.BacktestException e) {
            err.println();
            throw new UsageException(e.getMessage());
        } catch (QueryException failure) {
            err.println();
            RuleRuns.printDiagnostics(failure.diagnostics(), parsed, new SourceText(parsed.source().name() + "#query", parsed.query().text()), err);
            return ExitCode.QUERY_ERROR;
        } catch (Hunt.ExclusionError failure) {
            err.println();
            RuleRuns.printExclusionDiagnostics(failure, err);
            return ExitCode.QUERY_ERROR;
        }
        out.println(parsed.name() + ": " + result.runs().size() + " runs from " + start + " to " + end + " every " + every);
        out.println();
        out.println("run (now)                 alerts  windows");
        for (Backtest.ScheduledRun run : result.runs()) {
            List<String> windows = run.alerts().stream().map(AlertText::window).toList();
            out.printf(Locale.ROOT, "%-25s %6d  %s%n", run.now(), run.alerts().size(), String.join("; ", windows));
        }
        if (!result.sweep().isEmpty()) {
            out.println();
            out.println("threshold sweep (the rule's own: " + result.site().orElseThrow().text() + ")");
            out.println("threshold   alerts  distinct windows  runs with alerts");
            for (Backtest.SweepRow row : result.sweep()) {
                out.printf(Locale.ROOT, "%9s %8d %17d %17d%n", trim(row.threshold()), row.alerts(), row.distinctWindows(),
                        row.runsWithAlerts());
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
    }
}
