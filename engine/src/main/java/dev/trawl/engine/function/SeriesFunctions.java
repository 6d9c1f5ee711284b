package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.kql.types.ScalarType;
import dev.trawl.series.LineFit;
import dev.trawl.series.OutlierKind;
import dev.trawl.series.SeriesDecompose;
import dev.trawl.series.SeriesFit;
import dev.trawl.series.SeriesOutliers;
import dev.trawl.series.SeriesStats;
import dev.trawl.series.TrendKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The series_* functions over dynamic arrays, backed by the {@code series} module. Arrays come in as
 * lists of numbers (a null or non-number element is NaN, which the library treats as missing) and go out
 * as lists of reals (NaN back to null). Tuple-valued functions return one list element per component.
 */
final class SeriesFunctions {
    private SeriesFunctions() {
    }

    static void register(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule seriesIn = types -> types.get(0) == ScalarType.DYNAMIC ? ScalarType.DYNAMIC : null;
        registry.add(ScalarFunction.of("series_decompose_anomalies", 1, 7, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] x = doubles(a[0]);
            if (x == null) {
                return null;
            }
            double threshold = number(a, 1, SeriesDecompose.DEFAULT_THRESHOLD);
            int seasonality = (int) number(a, 2, -1);
            TrendKind trend = a.length > 3 && a[3] instanceof String t ? TrendKind.fromKql(t) : TrendKind.AVG;
            int testPoints = (int) number(a, 4, 0);
            OutlierKind method = a.length > 5 && a[5] instanceof String m ? OutlierKind.fromKql(m) : OutlierKind.CTUKEY;
            double seasonalityThreshold = number(a, 6, SeriesDecompose.DEFAULT_SEASONALITY_THRESHOLD);
            SeriesDecompose.Anomalies anomalies = SeriesDecompose.anomalies(x, threshold, seasonality, trend, testPoints,
                    method, seasonalityThreshold);
            return List.of(list(anomalies.adFlag()), list(anomalies.adScore()), list(anomalies.baseline()));
        }, "series_decompose_anomalies(y, threshold=1.5, seasonality=-1, trend='avg', test_points=0, "
                + "ad_method='ctukey', seasonality_threshold=0.6): ad_flag, ad_score, baseline")
                .withComponents(List.of("ad_flag", "ad_score", "baseline"),
                        List.of(ScalarType.DYNAMIC, ScalarType.DYNAMIC, ScalarType.DYNAMIC)));
        registry.add(ScalarFunction.of("series_decompose", 1, 5, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] x = doubles(a[0]);
            if (x == null) {
                return null;
            }
            int seasonality = (int) number(a, 1, -1);
            TrendKind trend = a.length > 2 && a[2] instanceof String t ? TrendKind.fromKql(t) : TrendKind.AVG;
            SeriesDecompose.Decomposition parts = SeriesDecompose.decompose(x, seasonality, trend, (int) number(a, 3, 0),
                    number(a, 4, SeriesDecompose.DEFAULT_SEASONALITY_THRESHOLD));
            return List.of(list(parts.baseline()), list(parts.seasonal()), list(parts.trend()), list(parts.residual()));
        }, "series_decompose(y, seasonality=-1, trend='avg', test_points=0, seasonality_threshold=0.6)")
                .withComponents(List.of("baseline", "seasonal", "trend", "residual"),
                        List.of(ScalarType.DYNAMIC, ScalarType.DYNAMIC, ScalarType.DYNAMIC, ScalarType.DYNAMIC)));
        registry.add(ScalarFunction.of("series_outliers", 1, 5, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] x = doubles(a[0]);
            if (x == null) {
                return null;
            }
            OutlierKind kind = a.length > 1 && a[1] instanceof String k ? OutlierKind.fromKql(k) : OutlierKind.CTUKEY;
            return list(SeriesOutliers.outliers(x, kind, number(a, 2, Double.NaN), number(a, 3, 10), number(a, 4, 90)));
        }, "series_outliers(y, kind='ctukey', ignore_val, min_percentile=10, max_percentile=90): anomaly scores"));
        registry.add(ScalarFunction.of("series_fit_line", 1, 1, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] y = doubles(a[0]);
            if (y == null) {
                return null;
            }
            LineFit fit = SeriesFit.line(y);
            return List.of(fit.rsquare(), fit.slope(), fit.variance(), fit.rvariance(), fit.interception(),
                    list(fit.lineFit()));
        }, "series_fit_line(y): rsquare, slope, variance, rvariance, interception, line_fit")
                .withComponents(List.of("rsquare", "slope", "variance", "rvariance", "interception", "line_fit"),
                        List.of(ScalarType.REAL, ScalarType.REAL, ScalarType.REAL, ScalarType.REAL, ScalarType.REAL,
                                ScalarType.DYNAMIC)));
        registry.add(ScalarFunction.of("series_stats", 1, 2, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] x = doubles(a[0]);
            if (x == null) {
                return null;
            }
            SeriesStats.Stats stats = SeriesStats.stats(x, a.length > 1 && Boolean.TRUE.equals(a[1]));
            return List.of(nullIfNaN(stats.min()), stats.minIdx(), nullIfNaN(stats.max()), stats.maxIdx(),
                    nullIfNaN(stats.avg()), nullIfNaN(stats.stdev()), nullIfNaN(stats.variance()));
        }, "series_stats(x, ignore_nonfinite=false): min, min_idx, max, max_idx, avg, stdev, variance")
                .withComponents(List.of("min", "min_idx", "max", "max_idx", "avg", "stdev", "variance"),
                        List.of(ScalarType.REAL, ScalarType.LONG, ScalarType.REAL, ScalarType.LONG, ScalarType.REAL,
                                ScalarType.REAL, ScalarType.REAL)));
    }

    /** A dynamic array as doubles (null or non-numbers as NaN), or null when the value is not an array. */
    static double[] doubles(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }

    static List<Object> list(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double value : values) {
            out.add(nullIfNaN(value));
        }
        return out;
    }

    private static Object nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static double number(Object[] arguments, int index, double fallback) {
        return arguments.length > index && arguments[index] instanceof Number n ? n.doubleValue() : fallback;
    }
}
