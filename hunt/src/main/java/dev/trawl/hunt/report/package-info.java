/**
 * The hunt's pictures: a chart model of time series with their anomaly overlay ({@link dev.trawl.hunt.report.Chart}),
 * its SVG rendering with {@code render timechart} / {@code render anomalychart} semantics
 * ({@link dev.trawl.hunt.report.SvgChart}), a self-contained HTML report ({@link dev.trawl.hunt.report.HtmlReport})
 * and a terminal sparkline ({@link dev.trawl.hunt.report.Sparkline}). The inputs are plain records so that whatever
 * runs the rules can fill them without this package knowing how.
 */
package dev.trawl.hunt.report;
