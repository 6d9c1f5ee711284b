package dev.trawl.hunt;

import dev.trawl.engine.value.ValueFormat;
import dev.trawl.hunt.report.AlertSummary;
import dev.trawl.hunt.report.AnomalyOverlay;
import dev.trawl.hunt.report.Chart;
import dev.trawl.hunt.report.ChartKind;
import dev.trawl.hunt.report.ChartSeries;
import dev.trawl.hunt.report.EvidenceSample;
import dev.trawl.hunt.report.ExclusionCount;
import dev.trawl.hunt.report.ReportInput;
import dev.trawl.hunt.report.ReportNote;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.SourceText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run as the report and the terminal show it: the rule's series as charts, its alerts, exclusions and notes. */
public final class RunReport {
    /** Charts drawn at most; a per-entity rule has hundreds of series, and the ones with the highest scores matter. */
    public static final int MAX_CHARTS = 6;
    private static final int SHOWN_ENTITY_VALUES = 10;

    private RunReport() {
    }

    /**
     * The rule's series as chart series, at most {@code limit}: first those of the entities the run alerted on
     * (a per-actor rule's series of the actor in an alert), then the ones with the largest flagged values. Not by
     * score: a nearly empty series has enormous scores for its few events, which says little.
     */
    public static List<ChartSeries> chartSeries(List<AnomalyQueries.SeriesView> series, List<Alert> alerts, int limit) {
        Set<String> alerted = new HashSet<>();
        alerts.forEach(a -> a.entities().values().forEach(alerted::addAll));
        List<AnomalyQueries.SeriesView> ranked = new ArrayList<>(series);
        ranked.sort(Comparator.comparing((AnomalyQueries.SeriesView v) -> !inAlert(v, alerted))
                .thenComparing(Comparator.comparingDouble(RunReport::peakFlaggedValue).reversed()));
        List<ChartSeries> out = new ArrayList<>();
        for (AnomalyQueries.SeriesView view : ranked.subList(0, Math.min(limit, ranked.size()))) {
            out.add(ChartSeries.of(view.label(), view.times(), view.values(), new AnomalyOverlay(view.baseline(),
                    view.flags(), view.scores(), view.threshold(), view.method(), view.testPoints())));
        }
        return out;
    }

    /** Whether one of the series' group values ({@code Actor=...}) is an entity of an alert. */
    private static boolean inAlert(AnomalyQueries.SeriesView view, Set<String> alerted) {
        for (String part : view.label().split(", ")) {
            int equals = part.indexOf('=');
            if (equals > 0 && alerted.contains(part.substring(equals + 1))) {
                return true;
            }
        }
        return false;
    }

    private static double peakFlaggedValue(AnomalyQueries.SeriesView view) {
        double peak = 0;
        for (int i = 0; i < view.flags().length; i++) {
            if (view.flags()[i] != 0 && i < view.values().length) {
                peak = Math.max(peak, view.values()[i]);
            }
        }
        return peak;
    }

    /**
     * The report of a run.
     *
     * @param series the rule's own series ({@link AnomalyQueries#series}); empty when it builds none
     * @param lint the linter's findings on the rule's query, shown as notes with their query positions
     */
    public static ReportInput of(Hunt.Run run, List<AnomalyQueries.SeriesView> series, List<Diagnostic> lint) {
        Rule rule = run.rule();
        List<ChartSeries> drawn = chartSeries(series, run.alerts(), MAX_CHARTS);
        List<Chart> charts = drawn.isEmpty() ? List.of()
                : Chart.onePerSeries(rule.name(), ChartKind.ANOMALYCHART, drawn, "events per bin");
        Instant windowStart = rule.queryPeriod().map(p -> run.now().minus(p)).orElse(null);
        if (windowStart == null) {
            windowStart = series.stream().filter(s -> !s.times().isEmpty() && s.times().get(0) != null)
                    .map(s -> s.times().get(0)).min(Comparator.naturalOrder()).orElse(run.now().minus(Duration.ofDays(1)));
        }
        List<AlertSummary> alerts = new ArrayList<>();
        for (Alert alert : run.alerts()) {
            Map<String, String> entities = new LinkedHashMap<>();
            alert.entities().forEach((type, values) -> entities.put(type, shortList(values)));
            List<String> columns = alert.columns().stream().map(c -> c.name()).toList();
            List<List<String>> rows = new ArrayList<>();
            for (Object[] row : alert.evidence()) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.length; c++) {
                    String text = ValueFormat.format(alert.columns().get(c).type(), row[c]);
                    cells.add(text == null ? "" : text);
                }
                rows.add(cells);
            }
            Instant start = alert.windowStart() != null ? alert.windowStart() : windowStart;
            Instant end = alert.windowEnd() != null ? alert.windowEnd() : run.now();
            alerts.add(new AlertSummary(start, end, entities, alert.evidenceCount(), new EvidenceSample(columns, rows)));
        }
        List<ExclusionCount> exclusions = run.exclusionCounts().stream()
                .map(c -> new ExclusionCount(c.exclusion().name(), c.removed())).toList();
        List<ReportNote> notes = new ArrayList<>();
        rule.warnings().forEach(w -> notes.add(new ReportNote(ReportNote.Severity.WARNING, rule.source().name(), w)));
        SourceText query = new SourceText(rule.source().name() + "#query", rule.query().text());
        for (Diagnostic finding : lint) {
            ReportNote.Severity severity = finding.severity() == Severity.ERROR ? ReportNote.Severity.ERROR
                    : finding.severity() == Severity.WARNING ? ReportNote.Severity.WARNING : ReportNote.Severity.INFO;
            int start = Math.min(finding.span().start(), query.length());
            String where = "query line " + query.line(start) + ", column " + query.column(start);
            notes.add(new ReportNote(severity, finding.code() + " at " + where,
                    finding.message() + (finding.help() == null ? "" : " (" + finding.help() + ")")));
        }
        if (series.size() > drawn.size()) {
            notes.add(new ReportNote(ReportNote.Severity.INFO, "charts", "the rule builds " + series.size()
                    + " series; the " + drawn.size() + " with the highest anomaly scores are drawn"));
        }
        return new ReportInput(rule.id(), rule.name(), rule.tactics(), run.now(), windowStart, run.now(), charts,
                alerts, exclusions, notes);
    }

    private static String shortList(List<String> values) {
        String shown = String.join(", ", values.subList(0, Math.min(SHOWN_ENTITY_VALUES, values.size())));
        return values.size() > SHOWN_ENTITY_VALUES ? shown + " (+" + (values.size() - SHOWN_ENTITY_VALUES) + " more)" : shown;
    }
}
