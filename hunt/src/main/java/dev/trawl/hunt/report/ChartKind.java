package dev.trawl.hunt.report;

/** Which of Kusto's {@code render} visualisations a chart follows. */
public enum ChartKind {
    /** {@code render timechart}: every series (and a baseline, when there is one) as a line over time. */
    TIMECHART,
    /**
     * {@code render anomalychart}: the timechart with the anomalies marked as points; Trawl adds the baseline and the
     * band of values the threshold leaves unflagged.
     */
    ANOMALYCHART
}
