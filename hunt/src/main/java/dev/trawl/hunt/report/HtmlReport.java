package dev.trawl.hunt.report;

import static dev.trawl.hunt.report.Markup.escape;
import static dev.trawl.hunt.report.Markup.minuteUtc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a rule run's report as one self-contained HTML page: header, charts (inline SVG), alerts with a few evidence
 * rows each, exclusions and notes. It loads nothing (no URL, no script, no font, CSS inline), so it opens the same
 * from a mail attachment, an air-gapped laptop or a case file years later. Every piece of input text is escaped, and
 * the page is written as well-formed XML (XHTML syntax) so that any XML parser can check it.
 */
public final class HtmlReport {
    /** Evidence rows shown per alert; the count says how many there are in all. */
    public static final int EVIDENCE_ROWS_SHOWN = 5;
    /** The width of a chart in the page, which is laid out for a 1280-pixel window. */
    static final int CHART_WIDTH = 1180;
    static final int CHART_HEIGHT = 380;

    private static final String STYLE = """
            body { margin: 0; padding: 24px 32px; font-family: "Liberation Sans", Arial, Helvetica, sans-serif;
              font-size: 14px; color: #222; background: #f6f7f9; }
            header, section { background: #fff; border: 1px solid #dcdfe4; border-radius: 6px; padding: 16px 20px;
              margin-bottom: 18px; }
            h1 { font-size: 22px; margin: 0 0 8px; }
            h2 { font-size: 17px; margin: 0 0 12px; }
            dl.run { display: grid; grid-template-columns: max-content auto; gap: 4px 16px; margin: 0; }
            dl.run dt { color: #555; }
            dl.run dd { margin: 0; }
            .tactic { display: inline-block; background: #e8eef7; color: #1f4e8c; border-radius: 10px;
              padding: 1px 9px; margin-right: 6px; }
            figure { margin: 0 0 16px; }
            figure svg { max-width: 100%; height: auto; }
            figcaption { color: #555; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #e3e5e8; }
            th { background: #f0f2f5; }
            td.count { text-align: right; font-variant-numeric: tabular-nums; }
            table.evidence { font-family: "Liberation Mono", Consolas, monospace; font-size: 12px; margin: 4px 0 8px; }
            table.evidence th { background: #f7f7f7; }
            tr.evidence-row > td { padding: 0 8px 8px 24px; }
            .more { color: #555; font-style: italic; }
            ul.notes { margin: 0; padding-left: 0; list-style: none; }
            ul.notes li { padding: 6px 10px; margin-bottom: 6px; border-left: 4px solid #7f7f7f; background: #f7f7f7; }
            li.note-error { border-left-color: #d62728; background: #fdeeee; }
            li.note-warning { border-left-color: #ff7f0e; background: #fff4e8; }
            li.note-info { border-left-color: #1f77b4; background: #eef5fb; }
            .severity { font-weight: bold; margin-right: 6px; }
            .empty { color: #555; }
            footer { color: #777; font-size: 12px; }
            """;

    private HtmlReport() {
    }

    /** The report as an HTML document. */
    public static String render(ReportInput input) {
        Objects.requireNonNull(input, "input");
        StringBuilder out = new StringBuilder(65_536);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(escape("Trawl report: " + input.ruleName())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(input, out);
        charts(input.charts(), out);
        alerts(input.alerts(), out);
        exclusions(input.exclusions(), out);
        notes(input.notes(), out);
        out.append("<footer>Trawl report for rule ").append(escape(input.ruleId())).append(", run at ")
                .append(escape(minuteUtc(input.now()))).append(".</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    /** Writes the report to {@code file} as UTF-8, replacing what was there. */
    public static void write(ReportInput input, Path file) throws IOException {
        Files.writeString(file, render(input), StandardCharsets.UTF_8);
    }

    private static void header(ReportInput input, StringBuilder out) {
        out.append("<header>\n<h1>").append(escape(input.ruleName())).append("</h1>\n<dl class=\"run\">\n")
                .append("<dt>Rule id</dt><dd class=\"rule-id\">").append(escape(input.ruleId())).append("</dd>\n")
                .append("<dt>Tactics</dt><dd class=\"tactics\">");
        if (input.tactics().isEmpty()) {
            out.append("<span class=\"empty\">none given</span>");
        }
        for (String tactic : input.tactics()) {
            out.append("<span class=\"tactic\">").append(escape(tactic)).append("</span>");
        }
        out.append("</dd>\n<dt>Run at (now)</dt><dd class=\"now\"><time datetime=\"").append(input.now()).append("\">")
                .append(escape(minuteUtc(input.now()))).append("</time></dd>\n")
                .append("<dt>Window</dt><dd class=\"window\"><time datetime=\"").append(input.windowStart())
                .append("\">").append(escape(minuteUtc(input.windowStart()))).append("</time> to <time datetime=\"")
                .append(input.windowEnd()).append("\">").append(escape(minuteUtc(input.windowEnd())))
                .append("</time></dd>\n")
                .append("<dt>Alerts</dt><dd class=\"alert-count\">").append(input.alerts().size()).append("</dd>\n")
                .append("</dl>\n</header>\n");
    }

    private static void charts(List<Chart> charts, StringBuilder out) {
        out.append("<section class=\"charts\">\n<h2>Series</h2>\n");
        if (charts.isEmpty()) {
            out.append("<p class=\"empty\">The rule draws no series.</p>\n");
        }
        for (int i = 0; i < charts.size(); i++) {
            Chart chart = charts.get(i);
            // Inline SVG takes its namespace from the HTML parser; leaving it out keeps the page free of URLs.
            SvgChart.Options options = new SvgChart.Options(CHART_WIDTH, CHART_HEIGHT, "chart-" + (i + 1), false);
            out.append("<figure class=\"chart-figure\">\n").append(SvgChart.render(chart, options))
                    .append("<figcaption>").append(escape(caption(chart))).append("</figcaption>\n</figure>\n");
        }
        out.append("</section>\n");
    }

    private static String caption(Chart chart) {
        int anomalies = chart.anomalyCount();
        String series = chart.series().size() == 1 ? "1 series" : chart.series().size() + " series";
        return chart.kind() == ChartKind.ANOMALYCHART
                ? chart.title() + ": " + series + ", " + anomalies + (anomalies == 1 ? " anomaly." : " anomalies.")
                : chart.title() + ": " + series + ".";
    }

    private static void alerts(List<AlertSummary> alerts, StringBuilder out) {
        out.append("<section class=\"alerts\">\n<h2>Alerts (").append(alerts.size()).append(")</h2>\n");
        if (alerts.isEmpty()) {
            out.append("<p class=\"empty\">No alerts in this window.</p>\n</section>\n");
            return;
        }
        out.append("<table class=\"alerts\">\n<thead><tr><th scope=\"col\">Time window (UTC)</th>"
                + "<th scope=\"col\">Entities</th><th scope=\"col\">Evidence rows</th></tr></thead>\n<tbody>\n");
        for (AlertSummary alert : alerts) {
            out.append("<tr class=\"alert\"><td class=\"alert-window\">").append(escape(minuteUtc(alert.windowStart())))
                    .append(" to ").append(escape(minuteUtc(alert.windowEnd()))).append("</td><td class=\"entities\">");
            boolean first = true;
            for (Map.Entry<String, String> entity : alert.entities().entrySet()) {
                out.append(first ? "" : "<br/>").append("<span class=\"entity-kind\">").append(escape(entity.getKey()))
                        .append("</span>: <span class=\"entity-value\">").append(escape(entity.getValue()))
                        .append("</span>");
                first = false;
            }
            out.append("</td><td class=\"count evidence-count\">").append(alert.evidenceCount()).append("</td></tr>\n");
            evidence(alert, out);
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static void evidence(AlertSummary alert, StringBuilder out) {
        EvidenceSample sample = alert.evidence();
        if (sample.rows().isEmpty() || sample.columns().isEmpty()) {
            return;
        }
        out.append("<tr class=\"evidence-row\"><td colspan=\"3\"><table class=\"evidence\">\n<thead><tr>");
        for (String column : sample.columns()) {
            out.append("<th scope=\"col\">").append(escape(column)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        int shown = Math.min(EVIDENCE_ROWS_SHOWN, sample.rows().size());
        for (List<String> row : sample.rows().subList(0, shown)) {
            out.append("<tr>");
            for (String cell : row) {
                out.append("<td>").append(escape(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        if (alert.evidenceCount() > shown) {
            out.append("<p class=\"more\">").append(shown).append(" of ").append(alert.evidenceCount())
                    .append(" evidence rows shown.</p>\n");
        }
        out.append("</td></tr>\n");
    }

    private static void exclusions(List<ExclusionCount> exclusions, StringBuilder out) {
        out.append("<section class=\"exclusions\">\n<h2>Exclusions</h2>\n");
        if (exclusions.isEmpty()) {
            out.append("<p class=\"empty\">No exclusions applied.</p>\n</section>\n");
            return;
        }
        out.append("<table class=\"exclusions\">\n<thead><tr><th scope=\"col\">Exclusion</th>"
                + "<th scope=\"col\">Events removed</th></tr></thead>\n<tbody>\n");
        for (ExclusionCount exclusion : exclusions) {
            out.append("<tr class=\"exclusion\"><td>").append(escape(exclusion.name()))
                    .append("</td><td class=\"count\">").append(exclusion.eventsRemoved()).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    /** Notes, errors first, so what might invalidate the results is read before what only refines them. */
    private static void notes(List<ReportNote> notes, StringBuilder out) {
        out.append("<section class=\"notes\">\n<h2>Notes</h2>\n");
        if (notes.isEmpty()) {
            out.append("<p class=\"empty\">No notes.</p>\n</section>\n");
            return;
        }
        out.append("<ul class=\"notes\">\n");
        List<ReportNote> ordered = notes.stream()
                .sorted(Comparator.comparing(ReportNote::severity, Comparator.reverseOrder()))
                .toList();
        for (ReportNote note : ordered) {
            String severity = note.severity().name().toLowerCase(java.util.Locale.ROOT);
            out.append("<li class=\"note note-").append(severity).append("\"><span class=\"severity\">")
                    .append(severity).append("</span>");
            if (!note.source().isEmpty()) {
                out.append("<span class=\"source\">[").append(escape(note.source())).append("]</span> ");
            }
            out.append(escape(note.message())).append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }
}
