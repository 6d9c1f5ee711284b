package dev.trawl.hunt.report;

import static dev.trawl.hunt.report.Markup.coordinate;
import static dev.trawl.hunt.report.Markup.escape;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Draws a {@link Chart} as an SVG line chart, as Kusto's {@code render timechart} and {@code render anomalychart}
 * draw it: time on the x axis (UTC), each series a line. An anomaly chart also draws each series' baseline (dashed),
 * the band of values its threshold leaves unflagged ({@link AnomalyBand}, shaded) and one point per anomaly.
 *
 * <p>Every element a reader or a test looks for carries a class: {@code path.series}, {@code path.baseline},
 * {@code path.band}, {@code circle.anomaly} (with {@code anomaly-up} or {@code anomaly-down}, and {@code data-time},
 * {@code data-value}, {@code data-score}, {@code data-baseline}, {@code data-index}), grouped per series in
 * {@code g.series-group} ({@code data-series}); {@code g.x-axis} and {@code g.y-axis} hold {@code g.tick}s
 * ({@code data-time} / {@code data-value}); {@code g.legend} holds {@code g.legend-entry}s ({@code data-entry}). The
 * chart is an {@code img} to assistive technology, named by its {@code <title>} and described by a {@code <desc>}
 * that lists the anomalies. Colours are presentation attributes, not CSS, so a standalone file looks the same.
 */
public final class SvgChart {
    /** Series colours, in order; red and orange are kept for the anomaly markers so markers always stand out. */
    static final String[] SERIES_COLOURS = {"#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
        "#7f7f7f", "#bcbd22"};
    static final String ANOMALY_UP_COLOUR = "#d62728";
    static final String ANOMALY_DOWN_COLOUR = "#ff7f0e";
    private static final String TEXT_COLOUR = "#222222";
    private static final String GRID_COLOUR = "#e3e3e3";
    private static final String AXIS_COLOUR = "#888888";

    private static final double MARGIN_LEFT = 72;
    private static final double MARGIN_RIGHT = 24;
    private static final double MARGIN_TOP = 48;
    /** Two lines of tick labels, the axis title and the legend. */
    private static final double MARGIN_BOTTOM = 96;
    private static final double MARKER_RADIUS = 4.5;
    /** An estimate of a 12 px sans-serif character's width, to lay the legend out without measuring text. */
    private static final double CHARACTER_WIDTH = 6.3;

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * How to draw: the size in pixels; a prefix that makes the chart's element ids unique in a page holding several
     * charts; and whether the SVG is a file of its own (with the XML declaration and namespace) or inline in HTML,
     * where the namespace is implied and would be the page's only URL.
     */
    public record Options(int width, int height, String idPrefix, boolean standalone) {
        /** Requires room for the margins and an id prefix that is a valid XML name. */
        public Options {
            if (width < 240 || height < 200) {
                throw new IllegalArgumentException("a chart needs at least 240 x 200 pixels, not " + width + " x "
                        + height);
            }
            Objects.requireNonNull(idPrefix, "idPrefix");
            if (!idPrefix.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new IllegalArgumentException("id prefix '" + idPrefix + "' is not a plain XML name");
            }
        }

        /** A standalone 960 x 360 chart. */
        public static Options defaults() {
            return new Options(960, 360, "chart", true);
        }
    }

    private SvgChart() {
    }

    /** The chart as a standalone SVG document of the default size. */
    public static String render(Chart chart) {
        return render(chart, Options.defaults());
    }

    /** The chart as SVG. */
    public static String render(Chart chart, Options options) {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(options, "options");
        return new Drawing(chart, options).draw();
    }

    /** The scale a chart is drawn with at these options; the tests check positions against it. */
    static PlotScale scale(Chart chart, Options options) {
        return new Drawing(chart, options).scale;
    }

    /** One rendering: the chart's bands, its scale and the growing document. */
    private static final class Drawing {
        private final Chart chart;
        private final Options options;
        private final boolean anomalyChart;
        private final List<Optional<AnomalyBand>> bands = new ArrayList<>();
        private final AxisTicks.ValueAxis valueAxis;
        private final PlotScale scale;
        private final StringBuilder out = new StringBuilder(16_384);

        Drawing(Chart chart, Options options) {
            this.chart = chart;
            this.options = options;
            this.anomalyChart = chart.kind() == ChartKind.ANOMALYCHART;
            Instant start = null;
            Instant end = null;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (ChartSeries series : chart.series()) {
                Optional<AnomalyBand> band = anomalyChart ? AnomalyBand.of(series) : Optional.empty();
                bands.add(band);
                if (series.size() == 0) {
                    continue;
                }
                Instant first = series.times().get(0);
                Instant last = series.times().get(series.size() - 1);
                start = start == null || first.isBefore(start) ? first : start;
                end = end == null || last.isAfter(end) ? last : end;
                AnomalyOverlay overlay = series.anomalies().orElse(null);
                AnomalyBand shade = band.orElse(null);
                double[] candidates = new double[4];
                for (int i = 0; i < series.size(); i++) {
                    candidates[0] = series.valueAt(i);
                    candidates[1] = overlay != null ? overlay.baselineAt(i) : Double.NaN;
                    candidates[2] = shade != null ? shade.lowerAt(i) : Double.NaN;
                    candidates[3] = shade != null ? shade.upperAt(i) : Double.NaN;
                    for (double v : candidates) {
                        if (Double.isFinite(v)) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                }
            }
            if (start == null) {
                start = Instant.EPOCH;
                end = Instant.EPOCH;
            }
            if (min > max) {
                min = 0;
                max = 1;
            }
            // Counts are the usual subject; an axis from 0 keeps a small wobble from looking like a cliff.
            if (min > 0) {
                min = 0;
            }
            double plotHeight = options.height() - MARGIN_TOP - MARGIN_BOTTOM;
            // A gridline every ~36 px: enough to read a value off the chart, few enough for the labels to breathe.
            valueAxis = AxisTicks.values(min, max, Math.max(2, (int) (plotHeight / 36)));
            scale = new PlotScale(MARGIN_LEFT, MARGIN_TOP, options.width() - MARGIN_LEFT - MARGIN_RIGHT, plotHeight,
                    PlotScale.seconds(start), PlotScale.seconds(end), valueAxis.low(), valueAxis.high());
        }

        String draw() {
            String id = options.idPrefix();
            if (options.standalone()) {
                out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            }
            out.append("<svg");
            if (options.standalone()) {
                out.append(" xmlns=\"http://www.w3.org/2000/svg\"");
            }
            out.append(" class=\"chart\" width=\"").append(options.width()).append("\" height=\"")
                    .append(options.height()).append("\" viewBox=\"0 0 ").append(options.width()).append(' ')
                    .append(options.height()).append("\" role=\"img\" aria-labelledby=\"").append(id)
                    .append("-title ").append(id).append("-desc\" font-family=\"Liberation Sans, Arial, Helvetica, "
                            + "sans-serif\" font-size=\"12\">\n");
            out.append("<title id=\"").append(id).append("-title\">").append(escape(chart.title())).append("</title>\n");
            out.append("<desc id=\"").append(id).append("-desc\">").append(escape(description())).append("</desc>\n");
            out.append("<defs><clipPath id=\"").append(id).append("-plot\"><rect x=\"").append(coordinate(scale.left()))
                    .append("\" y=\"").append(coordinate(scale.top())).append("\" width=\"")
                    .append(coordinate(scale.width())).append("\" height=\"").append(coordinate(scale.height()))
                    .append("\"/></clipPath></defs>\n");
            out.append("<rect class=\"chart-background\" x=\"0\" y=\"0\" width=\"").append(options.width())
                    .append("\" height=\"").append(options.height()).append("\" fill=\"#ffffff\"/>\n");
            out.append("<text class=\"chart-title\" x=\"").append(coordinate(scale.left())).append("\" y=\"28\" "
                    + "font-size=\"16\" font-weight=\"bold\" fill=\"").append(TEXT_COLOUR).append("\">")
                    .append(escape(chart.title())).append("</text>\n");
            drawValueAxis();
            drawTimeAxis();
            for (int s = 0; s < chart.series().size(); s++) {
                drawSeries(s);
            }
            drawLegend();
            out.append("</svg>\n");
            return out.toString();
        }

        /** What the picture shows, in words, for a screen reader: the span, the series and every anomaly. */
        private String description() {
            StringBuilder text = new StringBuilder();
            text.append(anomalyChart ? "Anomaly chart" : "Time chart").append(" of ").append(chart.valueLabel())
                    .append(", ").append(chart.series().size()).append(chart.series().size() == 1 ? " series" : " series");
            if (scale.endSeconds() > scale.startSeconds() || chart.series().get(0).size() > 0) {
                text.append(" from ").append(Markup.minuteUtc(Instant.ofEpochSecond((long) scale.startSeconds())))
                        .append(" to ").append(Markup.minuteUtc(Instant.ofEpochSecond((long) scale.endSeconds())));
            }
            text.append('.');
            if (anomalyChart) {
                int total = chart.anomalyCount();
                text.append(' ').append(total).append(total == 1 ? " anomaly" : " anomalies").append(total > 0 ? ":" : ".");
                for (ChartSeries series : chart.series()) {
                    if (series.anomalies().isEmpty()) {
                        continue;
                    }
                    AnomalyOverlay overlay = series.anomalies().get();
                    for (int i = 0; i < series.size(); i++) {
                        if (overlay.flagAt(i) != 0) {
                            text.append(' ').append(series.label()).append(" at ")
                                    .append(Markup.minuteUtc(series.times().get(i))).append(", ")
                                    .append(Markup.shortNumber(series.valueAt(i))).append(overlay.flagAt(i) > 0
                                            ? " above" : " below").append(" baseline ")
                                    .append(Markup.shortNumber(overlay.baselineAt(i))).append(", score ")
                                    .append(Markup.shortNumber(overlay.scoreAt(i))).append(';');
                        }
                    }
                }
            }
            return text.toString();
        }

        private void drawValueAxis() {
            out.append("<g class=\"axis y-axis\" aria-hidden=\"true\">\n");
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(valueAxis.step()) + 1e-9));
            for (double tick : valueAxis.ticks()) {
                String y = coordinate(scale.y(tick));
                out.append("<g class=\"tick y-tick\" data-value=\"").append(Markup.number(tick)).append("\">")
                        .append("<line class=\"grid-line\" x1=\"").append(coordinate(scale.left())).append("\" x2=\"")
                        .append(coordinate(scale.right())).append("\" y1=\"").append(y).append("\" y2=\"").append(y)
                        .append("\" stroke=\"").append(GRID_COLOUR).append("\"/>")
                        .append("<text x=\"").append(coordinate(scale.left() - 8)).append("\" y=\"").append(y)
                        .append("\" dy=\"4\" text-anchor=\"end\" fill=\"").append(TEXT_COLOUR).append("\">")
                        .append(String.format(Locale.ROOT, "%." + decimals + "f", tick)).append("</text></g>\n");
            }
            double middle = scale.top() + scale.height() / 2;
            out.append("<text class=\"axis-title\" x=\"16\" y=\"").append(coordinate(middle))
                    .append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ").append(coordinate(middle))
                    .append(")\" fill=\"").append(TEXT_COLOUR).append("\">").append(escape(chart.valueLabel()))
                    .append("</text>\n");
            out.append("<line class=\"axis-line\" x1=\"").append(coordinate(scale.left())).append("\" x2=\"")
                    .append(coordinate(scale.left())).append("\" y1=\"").append(coordinate(scale.top()))
                    .append("\" y2=\"").append(coordinate(scale.bottom())).append("\" stroke=\"").append(AXIS_COLOUR)
                    .append("\"/>\n</g>\n");
        }

        /**
         * Ticks on whole UTC hours or days; under a day apart they read HH:mm with the date beneath where it changes,
         * a day or more apart the month and day with the year beneath where it changes.
         */
        private void drawTimeAxis() {
            out.append("<g class=\"axis x-axis\" aria-hidden=\"true\">\n");
            Instant start = Instant.ofEpochSecond((long) Math.floor(scale.startSeconds()));
            Instant end = Instant.ofEpochSecond((long) Math.ceil(scale.endSeconds()));
            Duration step = AxisTicks.timeStep(start, end, Math.max(2, (int) (scale.width() / 90)));
            boolean underADay = step.compareTo(Duration.ofDays(1)) < 0;
            String previousSecondLine = null;
            for (Instant tick : AxisTicks.times(start, end, step)) {
                String x = coordinate(scale.x(tick));
                String firstLine = underADay ? HOUR_MINUTE.format(tick) : MONTH_DAY.format(tick);
                String secondLine = underADay ? DAY.format(tick) : YEAR.format(tick);
                out.append("<g class=\"tick x-tick\" data-time=\"").append(tick).append("\">")
                        .append("<line class=\"grid-line\" x1=\"").append(x).append("\" x2=\"").append(x)
                        .append("\" y1=\"").append(coordinate(scale.top())).append("\" y2=\"")
                        .append(coordinate(scale.bottom() + 4)).append("\" stroke=\"").append(GRID_COLOUR).append("\"/>")
                        .append("<text x=\"").append(x).append("\" y=\"").append(coordinate(scale.bottom() + 18))
                        .append("\" text-anchor=\"middle\" fill=\"").append(TEXT_COLOUR).append("\">")
                        .append(firstLine);
                if (!secondLine.equals(previousSecondLine)) {
                    out.append("<tspan x=\"").append(x).append("\" dy=\"15\" fill=\"#555555\">").append(secondLine)
                            .append("</tspan>");
                    previousSecondLine = secondLine;
                }
                out.append("</text></g>\n");
            }
            out.append("<text class=\"axis-title\" x=\"").append(coordinate(scale.left() + scale.width() / 2))
                    .append("\" y=\"").append(coordinate(scale.bottom() + 54)).append("\" text-anchor=\"middle\" fill=\"")
                    .append(TEXT_COLOUR).append("\">Time (UTC)</text>\n");
            out.append("<line class=\"axis-line\" x1=\"").append(coordinate(scale.left())).append("\" x2=\"")
                    .append(coordinate(scale.right())).append("\" y1=\"").append(coordinate(scale.bottom()))
                    .append("\" y2=\"").append(coordinate(scale.bottom())).append("\" stroke=\"").append(AXIS_COLOUR)
                    .append("\"/>\n</g>\n");
        }

        private void drawSeries(int index) {
            ChartSeries series = chart.series().get(index);
            String colour = SERIES_COLOURS[index % SERIES_COLOURS.length];
            Optional<AnomalyOverlay> overlay = series.anomalies();
            Optional<AnomalyBand> band = bands.get(index);
            int drawnAnomalies = anomalyChart ? series.anomalyCount() : 0;
            out.append("<g class=\"series-group\" data-series=\"").append(escape(series.label()))
                    .append("\" aria-label=\"").append(escape(series.label() + ": " + series.size() + " points"
                            + (anomalyChart && overlay.isPresent() ? ", " + drawnAnomalies
                                    + (drawnAnomalies == 1 ? " anomaly" : " anomalies") : "")))
                    .append("\">\n");
            String clip = " clip-path=\"url(#" + options.idPrefix() + "-plot)\"";
            if (band.isPresent()) {
                AnomalyOverlay anomalies = overlay.orElseThrow();
                out.append("<path class=\"band\" data-threshold=\"").append(Markup.number(anomalies.threshold()))
                        .append("\" data-lower-fence=\"").append(Markup.number(band.get().fences().lower()))
                        .append("\" data-upper-fence=\"").append(Markup.number(band.get().fences().upper()))
                        .append("\" d=\"").append(bandPath(series, band.get())).append("\" fill=\"").append(colour)
                        .append("\" fill-opacity=\"0.16\" stroke=\"none\"").append(clip).append("/>\n");
            }
            if (overlay.isPresent()) {
                AnomalyOverlay anomalies = overlay.get();
                out.append("<path class=\"baseline\" d=\"")
                        .append(linePath(series, anomalies::baselineAt)).append("\" fill=\"none\" stroke=\"")
                        .append(colour).append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\" stroke-opacity=\"0.75\"")
                        .append(clip).append("/>\n");
            }
            out.append("<path class=\"series\" data-points=\"").append(series.size()).append("\" d=\"")
                    .append(linePath(series, series::valueAt)).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\" stroke-linejoin=\"round\"").append(clip).append("/>\n");
            if (anomalyChart && overlay.isPresent()) {
                drawAnomalies(series, overlay.get());
            }
            out.append("</g>\n");
        }

        /**
         * One point per anomaly, on the series' own vertex. A flagged point without a value (the query's flags may
         * come from elsewhere) has nowhere to sit and is left out, as the line is.
         */
        private void drawAnomalies(ChartSeries series, AnomalyOverlay overlay) {
            for (int i = 0; i < series.size(); i++) {
                double flag = overlay.flagAt(i);
                double value = series.valueAt(i);
                if (flag == 0 || !Double.isFinite(value)) {
                    continue;
                }
                Instant time = series.times().get(i);
                boolean up = flag > 0;
                out.append("<circle class=\"anomaly ").append(up ? "anomaly-up" : "anomaly-down")
                        .append("\" data-index=\"").append(i).append("\" data-time=\"").append(time)
                        .append("\" data-value=\"").append(Markup.number(value)).append("\" data-score=\"")
                        .append(Markup.number(overlay.scoreAt(i))).append("\" data-baseline=\"")
                        .append(Markup.number(overlay.baselineAt(i))).append("\" cx=\"")
                        .append(coordinate(scale.x(time))).append("\" cy=\"").append(coordinate(scale.y(value)))
                        .append("\" r=\"").append(MARKER_RADIUS).append("\" fill=\"")
                        .append(up ? ANOMALY_UP_COLOUR : ANOMALY_DOWN_COLOUR)
                        .append("\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>")
                        .append(escape(series.label() + " " + Markup.minuteUtc(time) + ": "
                                + Markup.shortNumber(value) + (up ? " above" : " below") + " baseline "
                                + Markup.shortNumber(overlay.baselineAt(i)) + ", score "
                                + Markup.shortNumber(overlay.scoreAt(i))))
                        .append("</title></circle>\n");
            }
        }

        /** A polyline through the finite values; a missing value breaks it, as a null breaks Kusto's line. */
        private String linePath(ChartSeries series, java.util.function.IntToDoubleFunction valueAt) {
            StringBuilder d = new StringBuilder(series.size() * 16);
            boolean drawing = false;
            for (int i = 0; i < series.size(); i++) {
                double v = valueAt.applyAsDouble(i);
                if (!Double.isFinite(v)) {
                    drawing = false;
                    continue;
                }
                d.append(d.isEmpty() ? "" : " ").append(drawing ? 'L' : 'M').append(coordinate(scale.x(series.times().get(i))))
                        .append(' ').append(coordinate(scale.y(v)));
                drawing = true;
            }
            return d.toString();
        }

        /**
         * The band as one closed shape per run of points with a baseline: along the upper bound, back along the lower.
         * Infinite bounds (nothing would be flagged) are drawn to the plot's edge, where the clip path ends them.
         */
        private String bandPath(ChartSeries series, AnomalyBand band) {
            StringBuilder d = new StringBuilder(series.size() * 32);
            int i = 0;
            while (i < series.size()) {
                while (i < series.size() && Double.isNaN(band.lowerAt(i))) {
                    i++;
                }
                int runStart = i;
                while (i < series.size() && !Double.isNaN(band.lowerAt(i))) {
                    i++;
                }
                if (i == runStart) {
                    break;
                }
                for (int k = runStart; k < i; k++) {
                    d.append(d.isEmpty() ? "" : " ").append(k == runStart ? 'M' : 'L')
                            .append(coordinate(scale.x(series.times().get(k)))).append(' ')
                            .append(coordinate(scale.y(band.upperAt(k))));
                }
                for (int k = i - 1; k >= runStart; k--) {
                    d.append(" L").append(coordinate(scale.x(series.times().get(k)))).append(' ')
                            .append(coordinate(scale.y(band.lowerAt(k))));
                }
                d.append(" Z");
            }
            return d.toString();
        }

        /** The legend under the axis: each series' colour, then what the dashes, the shading and the points mean. */
        private void drawLegend() {
            out.append("<g class=\"legend\" aria-label=\"Legend\">\n");
            double x = scale.left();
            double y = options.height() - 16;
            boolean several = chart.series().size() > 1;
            boolean anyOverlay = false;
            boolean anyDown = false;
            double threshold = Double.NaN;
            for (int s = 0; s < chart.series().size(); s++) {
                ChartSeries series = chart.series().get(s);
                String colour = SERIES_COLOURS[s % SERIES_COLOURS.length];
                x = legendEntry(x, y, "series", series.label(), "<line x1=\"0\" x2=\"18\" y1=\"0\" y2=\"0\" stroke=\""
                        + colour + "\" stroke-width=\"2\"/>");
                if (series.anomalies().isPresent()) {
                    AnomalyOverlay overlay = series.anomalies().get();
                    anyOverlay = true;
                    threshold = Double.isNaN(threshold) || threshold == overlay.threshold() ? overlay.threshold()
                            : Double.POSITIVE_INFINITY;
                    for (double flag : overlay.flags()) {
                        anyDown |= flag < 0;
                    }
                }
            }
            // One colour for a lone series' baseline and band, neutral grey when several series share the chart.
            String sample = several ? "#7f7f7f" : SERIES_COLOURS[0];
            if (anyOverlay) {
                x = legendEntry(x, y, "baseline", "baseline", "<line x1=\"0\" x2=\"18\" y1=\"0\" y2=\"0\" stroke=\""
                        + sample + "\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
            }
            if (anyOverlay && anomalyChart) {
                String bandText = Double.isFinite(threshold)
                        ? "not flagged at threshold " + Markup.shortNumber(threshold) : "not flagged at the threshold";
                x = legendEntry(x, y, "band", bandText, "<rect x=\"0\" y=\"-6\" width=\"18\" height=\"12\" fill=\""
                        + sample + "\" fill-opacity=\"0.16\"/>");
                x = legendEntry(x, y, "anomaly-up", "anomaly (above)", "<circle cx=\"9\" cy=\"0\" r=\""
                        + MARKER_RADIUS + "\" fill=\"" + ANOMALY_UP_COLOUR + "\"/>");
                if (anyDown) {
                    legendEntry(x, y, "anomaly-down", "anomaly (below)", "<circle cx=\"9\" cy=\"0\" r=\""
                            + MARKER_RADIUS + "\" fill=\"" + ANOMALY_DOWN_COLOUR + "\"/>");
                }
            }
            out.append("</g>\n");
        }

        private double legendEntry(double x, double y, String entry, String text, String swatch) {
            out.append("<g class=\"legend-entry\" data-entry=\"").append(entry).append("\" transform=\"translate(")
                    .append(coordinate(x)).append(' ').append(coordinate(y)).append(")\">").append(swatch)
                    .append("<text x=\"24\" y=\"4\" fill=\"").append(TEXT_COLOUR).append("\">").append(escape(text))
                    .append("</text></g>\n");
            return x + 24 + text.length() * CHARACTER_WIDTH + 20;
        }
    }
}
