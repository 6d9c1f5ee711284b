package dev.trawl.series;

import java.util.Objects;

/**
 * {@code series_decompose}, {@code series_decompose_anomalies} and {@code series_decompose_forecast}: a series split
 * into seasonal, trend and residual components, anomalies as outliers of the residual, and the baseline extended
 * over points held out of the learning (semantics §1.3, §1.4).
 *
 * <p>The decomposition, in the docs' order: (1) the seasonal component is the median of the training points in the
 * same phase ({@link SeriesSeasonal}), not centred, 0 when there is no period; (2) it is subtracted from the series;
 * (3) the trend is taken from that de-seasonalised series: {@code avg} its mean (Known ambiguities 4: the docs'
 * "average(x)" cannot be meant literally, since the seasonal component already carries the level), {@code linefit}
 * its least-squares line over x = 1..n exactly as {@link SeriesFit#line} fits it, {@code none} 0; (4) baseline =
 * seasonal + trend; (5) residual = x - baseline. With neither seasonality nor trend the baseline is 0 and the
 * residual is x, as documented.
 *
 * <p>{@code Seasonality}: -1 detects the period ({@link SeriesPeriods}, periods 4..n/2) and uses it if its score is at
 * least {@code Seasonality_threshold} (default 0.6); 0 means none; a positive value is the period in bins.
 * {@code Test_points} t: the first n - t points are the training set for every learning step (period detection,
 * medians, trend, and the outlier percentiles of {@code series_decompose_anomalies}), and the seasonal pattern and
 * trend are extended over the last t points (Known ambiguities 5). NaN points are skipped by every learning step;
 * their residual is NaN and their anomaly score 0 (Known ambiguities 7).
 */
public final class SeriesDecompose {
    /** Kusto's default {@code Seasonality_threshold}. */
    public static final double DEFAULT_SEASONALITY_THRESHOLD = 0.6;
    /** Kusto's default anomaly {@code Threshold} (the k of Tukey's test). */
    public static final double DEFAULT_THRESHOLD = 1.5;
    // series_outliers' percentiles as series_decompose_anomalies calls it (ctukey's defaults; tukey ignores them).
    private static final double ANOMALY_MIN_PERCENTILE = 10;
    private static final double ANOMALY_MAX_PERCENTILE = 90;

    private SeriesDecompose() {
    }

    /** The four components of {@code series_decompose}, each as long as the input. */
    public record Decomposition(double[] baseline, double[] seasonal, double[] trend, double[] residual) {
        /** Requires all four components. */
        public Decomposition {
            Objects.requireNonNull(baseline, "baseline");
            Objects.requireNonNull(seasonal, "seasonal");
            Objects.requireNonNull(trend, "trend");
            Objects.requireNonNull(residual, "residual");
        }
    }

    /**
     * The three series of {@code series_decompose_anomalies}: {@code adFlag} is +1, -1 or 0 (up, down, no anomaly),
     * {@code adScore} the outlier score of the residual, {@code baseline} the predicted value.
     */
    public record Anomalies(double[] adFlag, double[] adScore, double[] baseline) {
        /** Requires all three series. */
        public Anomalies {
            Objects.requireNonNull(adFlag, "adFlag");
            Objects.requireNonNull(adScore, "adScore");
            Objects.requireNonNull(baseline, "baseline");
        }
    }

    /** {@code series_decompose(series)}: autodetected seasonality, {@code avg} trend, no test points. */
    public static Decomposition decompose(double[] x) {
        return decompose(x, -1, TrendKind.AVG, 0, DEFAULT_SEASONALITY_THRESHOLD);
    }

    /**
     * {@code series_decompose(Series, Seasonality, Trend, Test_points, Seasonality_threshold)}.
     *
     * @throws SeriesArgumentException if seasonality is below -1 or testPoints negative
     */
    public static Decomposition decompose(double[] x, int seasonality, TrendKind trend, int testPoints,
            double seasonalityThreshold) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(trend, "trend");
        int n = x.length;
        double[] baseline = new double[n];
        double[] seasonal = new double[n];
        double[] trendComponent = new double[n];
        double[] residual = new double[n];
        SeriesWorkspace workspace = new SeriesWorkspace();
        decomposeInto(x, seasonality, trend, testPoints, seasonalityThreshold, workspace, baseline, seasonal,
                trendComponent, residual);
        return new Decomposition(baseline, seasonal, trendComponent, residual);
    }

    /** {@code series_decompose_anomalies(series)}: threshold 1.5, autodetected seasonality, avg trend, ctukey. */
    public static Anomalies anomalies(double[] x) {
        return anomalies(x, DEFAULT_THRESHOLD, -1, TrendKind.AVG, 0, OutlierKind.CTUKEY,
                DEFAULT_SEASONALITY_THRESHOLD);
    }

    /**
     * {@code series_decompose_anomalies(Series, Threshold, Seasonality, Trend, Test_points, AD_method,
     * Seasonality_threshold)}.
     *
     * @see #anomalies(double[], double, int, TrendKind, int, OutlierKind, double, SeriesWorkspace)
     */
    public static Anomalies anomalies(double[] x, double threshold, int seasonality, TrendKind trend, int testPoints,
            OutlierKind method, double seasonalityThreshold) {
        return anomalies(x, threshold, seasonality, trend, testPoints, method, seasonalityThreshold,
                new SeriesWorkspace());
    }

    /**
     * {@code series_decompose_anomalies} with the caller's scratch space: only the three results are allocated.
     * The docs' steps: decompose; score the residual with {@code series_outliers} (AD_method ctukey = 10th/90th
     * percentiles, tukey = 25th/75th; the percentiles come from the training points); flag +1 where the score is
     * greater than {@code threshold}, -1 where it is less than -threshold, else 0 (strict comparisons, Known
     * ambiguities 3: the docs say "greater than").
     */
    public static Anomalies anomalies(double[] x, double threshold, int seasonality, TrendKind trend, int testPoints,
            OutlierKind method, double seasonalityThreshold, SeriesWorkspace workspace) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(trend, "trend");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(workspace, "workspace");
        int n = x.length;
        double[] baseline = new double[n];
        double[] score = new double[n];
        double[] flag = new double[n];
        double[] residual = workspace.component(n);
        decomposeInto(x, seasonality, trend, testPoints, seasonalityThreshold, workspace, baseline, null, null,
                residual);
        SeriesOutliers.score(residual, n, method, Double.NaN, ANOMALY_MIN_PERCENTILE, ANOMALY_MAX_PERCENTILE,
                testPoints, workspace, score);
        for (int i = 0; i < n; i++) {
            double s = score[i];
            flag[i] = s > threshold ? 1.0 : s < -threshold ? -1.0 : 0.0;
        }
        return new Anomalies(flag, score, baseline);
    }

    /**
     * The residual range that {@link #anomalies} leaves unflagged at {@code threshold}, for the series {@code x} and
     * the {@code baseline} it returned with the same {@code testPoints} and {@code method}: point i is flagged +1
     * exactly when {@code x[i] - baseline[i] > upper}, -1 exactly when it is {@code < lower}, and 0 otherwise (NaN
     * points are never flagged). The residual is computed as the decomposition computes it and scored by the same
     * outlier test, so a chart's band {@code baseline + [lower, upper]} shows what the threshold tolerates.
     *
     * @throws SeriesArgumentException if the threshold is negative or NaN
     * @throws IllegalArgumentException if x and baseline differ in length
     */
    public static SeriesOutliers.Fences anomalyFences(double[] x, double[] baseline, double threshold, int testPoints,
            OutlierKind method) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(method, "method");
        if (x.length != baseline.length) {
            throw new IllegalArgumentException("series of " + x.length + " points, baseline of " + baseline.length);
        }
        if (testPoints < 0) {
            throw new SeriesArgumentException("Test_points", testPoints + " is negative");
        }
        double[] residual = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            residual[i] = x[i] - baseline[i];
        }
        return SeriesOutliers.fences(residual, method, Double.NaN, ANOMALY_MIN_PERCENTILE, ANOMALY_MAX_PERCENTILE,
                testPoints, threshold);
    }

    /**
     * {@code series_decompose_forecast(Series, Points)}: autodetected seasonality and a {@code linefit} trend.
     * The docs now say the default trend is {@code avg}; their example ("automatically detects the seasonality and
     * trend") and the docs before 2023-03 say {@code linefit}, which is what a forecast needs (Known ambiguities 6).
     */
    public static double[] forecast(double[] x, int points) {
        return forecast(x, points, -1, TrendKind.LINEFIT, DEFAULT_SEASONALITY_THRESHOLD);
    }

    /**
     * {@code series_decompose_forecast(Series, Points, Seasonality, Trend, Seasonality_threshold)}: the baseline of
     * {@link #decompose} with the last {@code points} points held out of the learning, so that over them it is the
     * forecast. Returns the whole baseline, one array (as documented).
     */
    public static double[] forecast(double[] x, int points, int seasonality, TrendKind trend,
            double seasonalityThreshold) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(trend, "trend");
        double[] baseline = new double[x.length];
        SeriesWorkspace workspace = new SeriesWorkspace();
        decomposeInto(x, seasonality, trend, points, seasonalityThreshold, workspace, baseline, null, null,
                workspace.component(x.length));
        return baseline;
    }

    /**
     * The decomposition into caller arrays; {@code seasonalOut} and {@code trendOut} may be null when not wanted.
     * {@code residualOut} may be the workspace's component buffer (it holds the seasonal component until the
     * baseline is known).
     */
    static void decomposeInto(double[] x, int seasonality, TrendKind trend, int testPoints,
            double seasonalityThreshold, SeriesWorkspace workspace, double[] baselineOut, double[] seasonalOut,
            double[] trendOut, double[] residualOut) {
        if (seasonality < -1) {
            throw new SeriesArgumentException("Seasonality", seasonality + " is not -1 (detect), 0 (none) or a "
                    + "positive period");
        }
        if (testPoints < 0) {
            throw new SeriesArgumentException("Test_points", testPoints + " is negative");
        }
        int n = x.length;
        int training = Math.max(0, n - testPoints);
        int period = seasonality;
        if (seasonality == -1) {
            PeriodDetector detector = workspace.periodDetector();
            detector.prepare(x, training);
            int found = detector.detectBest(PeriodDetector.MIN_PERIOD, training / 2.0);
            period = found > 0 && detector.bestScore() >= seasonalityThreshold ? found : 0;
        }
        double[] seasonal = seasonalOut != null ? seasonalOut : residualOut;
        if (period > 0 && training > 0) {
            SeriesSeasonal.phaseMedians(x, n, training, period, workspace, seasonal);
        } else {
            java.util.Arrays.fill(seasonal, 0, n, 0.0);
        }
        double slope = 0;
        double interception = 0;
        switch (trend) {
            case AVG -> {
                double sum = 0;
                int count = 0;
                for (int i = 0; i < training; i++) {
                    double v = x[i];
                    if (!Double.isNaN(v)) {
                        sum += v - seasonal[i];
                        count++;
                    }
                }
                interception = count > 0 ? sum / count : 0;
            }
            case LINEFIT -> {
                // The same two-pass arithmetic as SeriesFit.fitSegment, so that with no seasonality the baseline
                // is series_fit_line's line_fit.
                int count = 0;
                double sumX = 0;
                double sumY = 0;
                for (int i = 0; i < training; i++) {
                    double v = x[i];
                    if (!Double.isNaN(v)) {
                        count++;
                        sumX += i + 1;
                        sumY += v - seasonal[i];
                    }
                }
                if (count > 0) {
                    double meanX = sumX / count;
                    double meanY = sumY / count;
                    double sxx = 0;
                    double sxy = 0;
                    for (int i = 0; i < training; i++) {
                        double v = x[i];
                        if (!Double.isNaN(v)) {
                            double dx = i + 1 - meanX;
                            sxx += dx * dx;
                            sxy += dx * (v - seasonal[i] - meanY);
                        }
                    }
                    slope = sxx > 0 ? sxy / sxx : 0;
                    interception = meanY - slope * meanX;
                }
            }
            case NONE -> {
            }
        }
        for (int i = 0; i < n; i++) {
            double t = slope * (i + 1) + interception;
            if (trendOut != null) {
                trendOut[i] = t;
            }
            baselineOut[i] = seasonal[i] + t;
        }
        for (int i = 0; i < n; i++) {
            residualOut[i] = x[i] - baselineOut[i];
        }
    }
}
