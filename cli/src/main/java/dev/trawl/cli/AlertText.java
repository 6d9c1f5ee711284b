package dev.trawl.cli;

import dev.trawl.hunt.Alert;
import dev.trawl.hunt.AnomalyQueries;
import dev.trawl.hunt.Hunt;
import dev.trawl.hunt.RunReport;
import dev.trawl.hunt.report.Chart;
import dev.trawl.hunt.report.ChartKind;
import dev.trawl.hunt.report.ChartSeries;
import dev.trawl.hunt.report.Sparkline;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Alerts for people: the terminal table and Markdown. */
final class AlertText {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /** How many values of one entity type a line shows before "+N more". */
    private static final int SHOWN_VALUES = 5;
    /** Sparklines shown at most, so a per-entity rule's hundreds of series don't flood the terminal. */
    private static final int SPARKLINES = 3;

    private AlertText() {
    }

    static String summaryLine(Hunt.Run run) {
        return String.format(Locale.ROOT, "%s: %d alert%s as of %s (%,d result rows)", run.rule().name(),
                run.alerts().size(), run.alerts().size() == 1 ? "" : "s", run.now(), run.result().rowCount());
    }

    static String window(Alert alert) {
        if (alert.windowStart() == null) {
            return "(no time column)";
        }
        return MINUTES.format(alert.windowStart()) + " to " + MINUTES.format(alert.windowEnd()) + " UTC";
    }

    static void print(Hunt.Run run, PrintWriter out) {
        out.println(run.rule().name() + "  [" + run.rule().id() + "]  severity " + run.rule().severity()
                + (run.rule().tactics().isEmpty() ? "" : "  tactics " + String.join(", ", run.rule().tactics())));
        out.println(summaryLine(run));
        printExclusions(run.exclusionCounts(), out);
        int n = 0;
        for (Alert alert : run.alerts()) {
            out.println();
            out.printf(Locale.ROOT, "alert %d  %s  %,d evidence row%s%n", ++n, window(alert), alert.evidenceCount(),
                    alert.evidenceCount() == 1 ? "" : "s");
            for (Map.Entry<String, List<String>> entity : alert.entities().entrySet()) {
                out.printf(Locale.ROOT, "  %-17s %s%n", entity.getKey(), shortList(entity.getValue()));
            }
        }
    }

    /** The rule's most telling series (see {@link RunReport#chartSeries}), as sparklines with their anomalies marked. */
    static void printSparklines(List<AnomalyQueries.SeriesView> series, List<Alert> alerts, PrintWriter out) {
        if (series.isEmpty()) {
            return;
        }
        out.println();
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        List<ChartSeries> shown = RunReport.chartSeries(series, alerts, SPARKLINES);
        out.print(Sparkline.render(new Chart("series (" + series.size() + (series.size() == 1 ? "" : ", the "
                + shown.size() + " of alerted entities or the largest flagged values") + ")", ChartKind.ANOMALYCHART, shown, "events"),
                new Sparkline.Options(72, colour)));
    }

    static void printExclusions(List<Hunt.ExclusionCount> counts, PrintWriter out) {
        if (counts.isEmpty()) {
            return;
        }
        out.println("exclusions (rows hidden from the rule, in its look-back):");
        for (Hunt.ExclusionCount count : counts) {
            out.printf(Locale.ROOT, "  %-28s %,10d of %,d%s%n", count.exclusion().name(), count.removed(),
                    count.rowsInWindow(), count.exclusion().scenario().isEmpty() ? "" : "  (" + count.exclusion().scenario() + ")");
        }
    }

    static void printMarkdown(Hunt.Run run, PrintWriter out) {
        out.println("## " + escape(run.rule().name()));
        out.println();
        out.println("Rule `" + escape(run.rule().id()) + "`, severity " + run.rule().severity() + ", as of "
                + run.now() + ": " + run.alerts().size() + " alert(s).");
        out.println();
        if (!run.exclusionCounts().isEmpty()) {
            out.println("| exclusion | rows hidden | of |");
            out.println("|---|---:|---:|");
            for (Hunt.ExclusionCount count : run.exclusionCounts()) {
                out.printf(Locale.ROOT, "| %s | %d | %d |%n", escape(count.exclusion().name()), count.removed(), count.rowsInWindow());
            }
            out.println();
        }
        if (!run.alerts().isEmpty()) {
            out.println("| window | evidence rows | entities |");
            out.println("|---|---:|---|");
            for (Alert alert : run.alerts()) {
                StringBuilder entities = new StringBuilder();
                alert.entities().forEach((type, values) -> entities.append(entities.isEmpty() ? "" : "; ")
                        .append(type).append(": ").append(shortList(values)));
                out.printf(Locale.ROOT, "| %s | %d | %s |%n", window(alert), alert.evidenceCount(), escape(entities.toString()));
            }
        }
    }

    private static String shortList(List<String> values) {
        String shown = String.join(", ", values.subList(0, Math.min(SHOWN_VALUES, values.size())));
        return values.size() > SHOWN_VALUES ? shown + " (+" + (values.size() - SHOWN_VALUES) + " more)" : shown;
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
