package dev.trawl.hunt.report;

import java.time.Instant;
import java.util.Objects;

/**
 * A series as a terminal sparkline: one row of Unicode blocks (eight heights, ▁ lowest to █ highest), and for a series
 * with anomalies a row beneath with ▲ under points flagged up, ▼ under points flagged down (◆ where a column holds
 * both). A long series is downsampled to the width by taking each column's maximum, so a one-hour spike in two weeks
 * of hourly counts still reaches full height; a dip can vanish in the maximum, but its ▼ cannot. The first row ends
 * with the value range and the time range (UTC), the second with the anomaly count. ANSI colour (red up, yellow down)
 * only when asked, so pipes and logs get plain text.
 */
public final class Sparkline {
    static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    static final char UP = '▲';
    static final char DOWN = '▼';
    static final char BOTH = '◆';
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    /** How wide the blocks row may be, in columns, and whether to colour the anomalies with ANSI escapes. */
    public record Options(int width, boolean colour) {
        /** Requires a width of at least one column. */
        public Options {
            if (width < 1) {
                throw new IllegalArgumentException("a sparkline needs at least one column, not " + width);
            }
        }

        /** 72 columns, no colour. */
        public static Options defaults() {
            return new Options(72, false);
        }
    }

    private Sparkline() {
    }

    /** Every series of the chart, each as its sparkline, under the chart's title. */
    public static String render(Chart chart, Options options) {
        Objects.requireNonNull(chart, "chart");
        StringBuilder out = new StringBuilder(chart.title()).append('\n');
        int labelWidth = 0;
        for (ChartSeries series : chart.series()) {
            labelWidth = Math.max(labelWidth, series.label().codePointCount(0, series.label().length()));
        }
        for (ChartSeries series : chart.series()) {
            out.append(render(series, options, labelWidth));
        }
        return out.toString();
    }

    /** One series: its label, the blocks row and, when it has an anomaly overlay, the markers row. */
    public static String render(ChartSeries series, Options options) {
        Objects.requireNonNull(series, "series");
        return render(series, options, series.label().codePointCount(0, series.label().length()));
    }

    private static String render(ChartSeries series, Options options, int labelWidth) {
        Objects.requireNonNull(options, "options");
        int columns = Math.min(options.width(), series.size());
        double[] values = downsampleByMax(series.values(), columns);
        int[] flags = series.anomalies().map(a -> flagsPerColumn(a.flags(), columns)).orElse(null);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        String indent = labelWidth == 0 ? "" : " ".repeat(labelWidth + 2);
        StringBuilder out = new StringBuilder();
        if (labelWidth > 0) {
            String label = series.label();
            out.append(label).append(": ").append(" ".repeat(labelWidth - label.codePointCount(0, label.length())));
        }
        for (int c = 0; c < columns; c++) {
            char block = level(values[c], min, max);
            boolean marked = flags != null && flags[c] != 0 && block != ' ';
            if (options.colour() && marked) {
                out.append(flags[c] == 1 ? RED : YELLOW).append(block).append(RESET);
            } else {
                out.append(block);
            }
        }
        out.append("  ").append(min <= max ? Markup.shortNumber(min) + ".." + Markup.shortNumber(max) : "no values");
        if (series.size() > 0) {
            Instant first = series.times().get(0);
            Instant last = series.times().get(series.size() - 1);
            out.append("  ").append(Markup.minuteUtc(first).replace(" UTC", "")).append(" to ")
                    .append(Markup.minuteUtc(last));
        }
        out.append(" (").append(series.size()).append(series.size() == 1 ? " point" : " points");
        if (columns < series.size()) {
            out.append(", max per column");
        }
        out.append(")\n");
        if (flags != null) {
            out.append(indent);
            StringBuilder markers = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                char marker = flags[c] == 1 ? UP : flags[c] == -1 ? DOWN : flags[c] == 2 ? BOTH : ' ';
                if (options.colour() && marker != ' ') {
                    markers.append(marker == DOWN ? YELLOW : RED).append(marker).append(RESET);
                } else {
                    markers.append(marker);
                }
            }
            int anomalies = series.anomalyCount();
            out.append(markers).append("  ").append(anomalies).append(anomalies == 1 ? " anomaly" : " anomalies")
                    .append('\n');
        }
        return out.toString();
    }

    /**
     * The block for a value on [min, max]: the range is cut into eight equal bands, the maximum takes the top block.
     * A flat series (min = max) draws at the lowest height; a missing value is a space.
     */
    static char level(double value, double min, double max) {
        if (!Double.isFinite(value)) {
            return ' ';
        }
        if (!(max > min)) {
            return BLOCKS[0];
        }
        int index = (int) Math.floor((value - min) / (max - min) * BLOCKS.length);
        return BLOCKS[Math.max(0, Math.min(BLOCKS.length - 1, index))];
    }

    /**
     * The values in {@code columns} columns, each the maximum of the finite points it covers (NaN if none). Column c
     * covers points [c n / columns, (c + 1) n / columns), so every point is in exactly one column.
     */
    static double[] downsampleByMax(double[] values, int columns) {
        double[] out = new double[columns];
        int n = values.length;
        for (int c = 0; c < columns; c++) {
            int from = (int) ((long) c * n / columns);
            int to = (int) ((long) (c + 1) * n / columns);
            double max = Double.NaN;
            for (int i = from; i < to; i++) {
                double v = values[i];
                if (Double.isFinite(v) && !(v <= max)) {
                    max = v;
                }
            }
            out[c] = max;
        }
        return out;
    }

    /** Per column: 1 if a point in it is flagged up, -1 if one is flagged down, 2 if both, else 0. */
    static int[] flagsPerColumn(double[] flags, int columns) {
        int[] out = new int[columns];
        int n = flags.length;
        for (int c = 0; c < columns; c++) {
            int from = (int) ((long) c * n / columns);
            int to = (int) ((long) (c + 1) * n / columns);
            boolean up = false;
            boolean down = false;
            for (int i = from; i < to; i++) {
                up |= flags[i] > 0;
                down |= flags[i] < 0;
            }
            out[c] = up && down ? 2 : up ? 1 : down ? -1 : 0;
        }
        return out;
    }
}
