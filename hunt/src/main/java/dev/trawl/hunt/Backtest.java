package dev.trawl.hunt;

import dev.trawl.kql.syntax.SourceText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays a rule as a scheduler would: one run per {@code every} from {@code from} to {@code to} (both included),
 * each with its own {@code now()}, so look-back windows slide as they would have in production. A sweep reruns
 * every run with the rule's anomaly threshold changed (only that literal of the query), to show how many alerts
 * each threshold would have raised.
 */
public final class Backtest {
    private Backtest() {
    }

    /** One scheduled run at the rule's own threshold. */
    public record ScheduledRun(Instant now, List<Alert> alerts) {
        public ScheduledRun {
            alerts = List.copyOf(alerts);
        }
    }

    /**
     * What one threshold would have raised over all runs: alerts summed over runs (a scheduler raises an anomaly
     * again on each run that still sees it), and the distinct alert windows among them.
     */
    public record SweepRow(double threshold, int alerts, int distinctWindows, int runsWithAlerts) {
    }

    public record Result(List<ScheduledRun> runs, List<SweepRow> sweep, Optional<AnomalyQueries.ThresholdSite> site) {
        public Result {
            runs = List.copyOf(runs);
            sweep = List.copyOf(sweep);
        }
    }

    /** Why a backtest cannot run as asked. */
    public static final class BacktestException extends Exception {
        public BacktestException(String message) {
            super(message);
        }
    }

    /**
     * @param thresholds the sweep's thresholds; empty for no sweep
     * @param progress told each run's now before it runs
     */
    public static Result run(Rule rule, Hunt.Tables tables, Exclusions exclusions, Instant from, Instant to,
                             Duration every, List<Double> thresholds, Consumer<Instant> progress) throws BacktestException {
        Objects.requireNonNull(progress, "progress");
        if (to.isBefore(from)) {
            throw new BacktestException("--to " + to + " is before --from " + from);
        }
        if (every.isNegative() || every.isZero()) {
            throw new BacktestException("--every must be a positive timespan");
        }
        long count = Duration.between(from, to).dividedBy(every) + 1;
        if (count > 10_000) {
            throw new BacktestException(count + " runs from " + from + " to " + to + " every " + every
                    + " is more than 10,000; use a longer --every");
        }
        SourceText query = new SourceText(rule.source().name() + "#query", rule.query().text());
        Optional<AnomalyQueries.ThresholdSite> site = AnomalyQueries.threshold(query);
        if (!thresholds.isEmpty() && site.isEmpty()) {
            throw new BacktestException(rule.source().name() + ": the query has no series_decompose_anomalies call"
                    + " whose threshold is a literal or a let of one, so there is no threshold to sweep");
        }
        List<ScheduledRun> runs = new ArrayList<>();
        int[] alerts = new int[thresholds.size()];
        int[] runsWithAlerts = new int[thresholds.size()];
        List<Set<Instant>> windows = new ArrayList<>();
        thresholds.forEach(t -> windows.add(new LinkedHashSet<>()));
        for (Instant now = from; !now.isAfter(to); now = now.plus(every)) {
            progress.accept(now);
            Hunt.Options options = new Hunt.Options(now, exclusions, 0);
            runs.add(new ScheduledRun(now, Hunt.run(rule, query, tables, options).alerts()));
            for (int t = 0; t < thresholds.size(); t++) {
                SourceText variant = AnomalyQueries.withThreshold(query, site.orElseThrow(), thresholds.get(t));
                List<Alert> raised = Hunt.run(rule, variant, tables, options).alerts();
                alerts[t] += raised.size();
                runsWithAlerts[t] += raised.isEmpty() ? 0 : 1;
                for (Alert alert : raised) {
                    windows.get(t).add(alert.windowStart() == null ? Instant.EPOCH : alert.windowStart());
                }
            }
        }
        List<SweepRow> sweep = new ArrayList<>();
        for (int t = 0; t < thresholds.size(); t++) {
            sweep.add(new SweepRow(thresholds.get(t), alerts[t], windows.get(t).size(), runsWithAlerts[t]));
        }
        return new Result(runs, sweep, site);
    }
}
