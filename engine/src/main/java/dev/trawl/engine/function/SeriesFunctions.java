package dev.trawl.engine.function;

import static dev.trawl.engine.function.ScalarFunction.NullPolicy.KERNEL_HANDLES_NULLS;

import dev.trawl.kql.types.ScalarType;
import dev.trawl.series.ComplexSeries;
import dev.trawl.series.LineFit;
import dev.trawl.series.OutlierKind;
import dev.trawl.series.Periods;
import dev.trawl.series.SeriesDecompose;
import dev.trawl.series.SeriesElementwise;
import dev.trawl.series.SeriesFft;
import dev.trawl.series.SeriesFill;
import dev.trawl.series.SeriesFilter;
import dev.trawl.series.SeriesFit;
import dev.trawl.series.SeriesOutliers;
import dev.trawl.series.SeriesPeriods;
import dev.trawl.series.SeriesSeasonal;
import dev.trawl.series.SeriesStats;
import dev.trawl.series.SeriesVectors;
import dev.trawl.series.TrendKind;
import dev.trawl.series.TwoLineFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series_* functions over dynamic arrays, backed by the {@code series} module. Arrays come in as
 * lists of numbers (a null or non-number element is NaN, which the library treats as missing) and go out
 * as lists of reals (NaN back to null). Tuple-valued functions return one list element per component.
 *
 * <p>Element types: Kusto keeps integers integers where the operation allows it. {@code series_add},
 * {@code series_subtract}, {@code series_multiply}, {@code series_abs} and {@code series_sign} of integer
 * operands give longs (docs: {@code [1,2,4]} + {@code [4,2,1]} is {@code [5,4,5]}); the fill functions keep every
 * present element as it was and give filled ones the type of their source ("preserves the original type of the
 * array elements", and {@code series_fill_linear} of an integer array truncates the interpolated values: docs
 * example {@code 73.5} becomes {@code 73}). Every other element-wise function gives reals; the comparisons give
 * bools (docs: {@code series_equals([1,2,4], [4,2,1])} is {@code [false,true,false]}). Arithmetic in integers goes
 * through doubles, so it is exact up to 2^53.
 *
 * <p>A null or non-numeric element gives a null element, as docs: {@code series-add-function.md} says; so does a
 * NaN the arithmetic itself produces ({@code series_log} of a negative number), since a dynamic array here
 * holds no NaN.
 */
final class SeriesFunctions {
    private SeriesFunctions() {
    }

    /** What one argument position accepts; dynamic is accepted everywhere (its value is checked at run time). */
    private enum Parameter { SERIES, NUMBER, SERIES_OR_NUMBER, BOOL, STRING }

    static void register(FunctionRegistry.Builder registry) {
        decomposition(registry);
        fits(registry);
        statistics(registry);
        periods(registry);
        fills(registry);
        filters(registry);
        transforms(registry);
        reductions(registry);
        elementwise(registry);
    }

    // ---------------------------------------------------------------------------------------------
    // series_decompose and relatives, series_outliers

    private static void decomposition(FunctionRegistry.Builder registry) {
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
                        List.of(ScalarType.DYNAMIC, ScalarType.DYNAMIC, ScalarType.DYNAMIC))
                .withParameterNames("Series", "Threshold", "Seasonality", "Trend", "Test_points", "AD_method", "Seasonality_threshold"));
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
                        List.of(ScalarType.DYNAMIC, ScalarType.DYNAMIC, ScalarType.DYNAMIC, ScalarType.DYNAMIC))
                .withParameterNames("Series", "Seasonality", "Trend", "Test_points", "Seasonality_threshold"));
        // One array, as the docs say ("A dynamic array with the forecasted series"), although the language
        // library types it as the decompose tuple (semantics §1.1). The default trend is linefit, the library's
        // choice for Known ambiguities 6.
        registry.add(ScalarFunction.of("series_decompose_forecast", 2, 5,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.NUMBER, Parameter.NUMBER, Parameter.STRING,
                        Parameter.NUMBER), KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    if (x == null) {
                        return null;
                    }
                    TrendKind trend = a.length > 3 && a[3] instanceof String t ? TrendKind.fromKql(t)
                            : TrendKind.LINEFIT;
                    return list(SeriesDecompose.forecast(x, (int) number(a, 1, 0), (int) number(a, 2, -1), trend,
                            number(a, 4, SeriesDecompose.DEFAULT_SEASONALITY_THRESHOLD)));
                }, "series_decompose_forecast(y, points, seasonality=-1, trend='linefit', seasonality_threshold=0.6): "
                        + "the baseline, forecast over the last points")
                .withParameterNames("Series", "Points", "Seasonality", "Trend", "Seasonality_threshold"));
        registry.add(ScalarFunction.of("series_outliers", 1, 5, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] x = doubles(a[0]);
            if (x == null) {
                return null;
            }
            OutlierKind kind = a.length > 1 && a[1] instanceof String k ? OutlierKind.fromKql(k) : OutlierKind.CTUKEY;
            return list(SeriesOutliers.outliers(x, kind, number(a, 2, Double.NaN), number(a, 3, 10), number(a, 4, 90)));
        }, "series_outliers(y, kind='ctukey', ignore_val, min_percentile=10, max_percentile=90): anomaly scores")
                .withParameterNames("Series", "Kind", "Ignore_val", "Min_percentile", "Max_percentile"));
        registry.add(ScalarFunction.of("series_seasonal", 1, 2,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.NUMBER), KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    return x == null ? null : list(SeriesSeasonal.seasonal(x, (int) number(a, 1, -1)));
                }, "series_seasonal(y, period=-1): the per-phase medians; -1 detects the period (score >= 0.7)")
                .withParameterNames("series", "period"));
    }

    // ---------------------------------------------------------------------------------------------
    // series_fit_line, series_fit_2lines and their _dynamic bags

    private static final List<String> LINE_FIT_COMPONENTS =
            List.of("rsquare", "slope", "variance", "rvariance", "interception", "line_fit");
    private static final List<String> TWO_LINES_COMPONENTS = List.of("rsquare", "split_idx", "variance", "rvariance",
            "line_fit", "right_rsquare", "right_slope", "right_interception", "right_variance", "right_rvariance",
            "left_rsquare", "left_slope", "left_interception", "left_variance", "left_rvariance");

    private static void fits(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule seriesIn = signature(ScalarType.DYNAMIC, Parameter.SERIES);
        registry.add(ScalarFunction.of("series_fit_line", 1, 1, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] y = doubles(a[0]);
            return y == null ? null : lineFitValues(SeriesFit.line(y));
        }, "series_fit_line(y): rsquare, slope, variance, rvariance, interception, line_fit")
                .withComponents(LINE_FIT_COMPONENTS, List.of(ScalarType.REAL, ScalarType.REAL, ScalarType.REAL,
                        ScalarType.REAL, ScalarType.REAL, ScalarType.DYNAMIC))
                .withParameterNames("series"));
        registry.add(ScalarFunction.of("series_fit_line_dynamic", 1, 1, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] y = doubles(a[0]);
            return y == null ? null : bag(LINE_FIT_COMPONENTS, lineFitValues(SeriesFit.line(y)));
        }, "series_fit_line_dynamic(y): {rsquare, slope, variance, rvariance, interception, line_fit}")
                .withParameterNames("series"));
        List<ScalarType> twoLinesTypes = new ArrayList<>(Collections.nCopies(TWO_LINES_COMPONENTS.size(),
                ScalarType.REAL));
        twoLinesTypes.set(1, ScalarType.LONG);
        twoLinesTypes.set(4, ScalarType.DYNAMIC);
        registry.add(ScalarFunction.of("series_fit_2lines", 1, 1, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] y = doubles(a[0]);
            return y == null ? null : twoLinesValues(SeriesFit.twoLines(y));
        }, "series_fit_2lines(y): rsquare, split_idx, variance, rvariance, line_fit, right_* and left_* "
                + "(rsquare, slope, interception, variance, rvariance)")
                .withComponents(TWO_LINES_COMPONENTS, twoLinesTypes)
                .withParameterNames("series"));
        // The docs name the segment keys right.rsquare, left.slope, ...: nested bags, not right_rsquare.
        registry.add(ScalarFunction.of("series_fit_2lines_dynamic", 1, 1, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] y = doubles(a[0]);
            if (y == null) {
                return null;
            }
            List<Object> values = twoLinesValues(SeriesFit.twoLines(y));
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < 5; i++) {
                out.put(TWO_LINES_COMPONENTS.get(i), values.get(i));
            }
            out.put("right", segmentBag(values.subList(5, 10)));
            out.put("left", segmentBag(values.subList(10, 15)));
            return out;
        }, "series_fit_2lines_dynamic(y): {rsquare, split_idx, variance, rvariance, line_fit, right: {rsquare, slope, "
                + "interception, variance, rvariance}, left: {...}}")
                .withParameterNames("series"));
    }

    private static List<Object> lineFitValues(LineFit fit) {
        return List.of(fit.rsquare(), fit.slope(), fit.variance(), fit.rvariance(), fit.interception(),
                list(fit.lineFit()));
    }

    private static List<Object> twoLinesValues(TwoLineFit fit) {
        return List.of(fit.rsquare(), fit.splitIdx(), fit.variance(), fit.rvariance(), list(fit.lineFit()),
                fit.rightRsquare(), fit.rightSlope(), fit.rightInterception(), fit.rightVariance(),
                fit.rightRvariance(), fit.leftRsquare(), fit.leftSlope(), fit.leftInterception(), fit.leftVariance(),
                fit.leftRvariance());
    }

    private static Map<String, Object> segmentBag(List<Object> values) {
        return bag(List.of("rsquare", "slope", "interception", "variance", "rvariance"), values);
    }

    private static Map<String, Object> bag(List<String> keys, List<Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), values.get(i));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // series_stats, series_stats_dynamic

    private static final List<String> STATS_COMPONENTS =
            List.of("min", "min_idx", "max", "max_idx", "avg", "stdev", "variance");

    private static void statistics(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule seriesIn = signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.BOOL);
        registry.add(ScalarFunction.of("series_stats", 1, 2, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            SeriesStats.Stats stats = stats(a);
            return stats == null ? null : statsValues(stats);
        }, "series_stats(x, ignore_nonfinite=false): min, min_idx, max, max_idx, avg, stdev, variance")
                .withComponents(STATS_COMPONENTS, List.of(ScalarType.REAL, ScalarType.LONG, ScalarType.REAL,
                        ScalarType.LONG, ScalarType.REAL, ScalarType.REAL, ScalarType.REAL))
                .withParameterNames("series", "ignore_nonfinite"));
        registry.add(ScalarFunction.of("series_stats_dynamic", 1, 2, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            SeriesStats.Stats stats = stats(a);
            if (stats == null) {
                return null;
            }
            Map<String, Object> out = bag(STATS_COMPONENTS, statsValues(stats));
            out.put("sum", nullIfNaN(stats.sum()));
            out.put("len", stats.len());
            return out;
        }, "series_stats_dynamic(x, ignore_nonfinite=false): {min, min_idx, max, max_idx, avg, stdev, variance, sum, "
                + "len}")
                .withParameterNames("series", "ignore_nonfinite"));
    }

    private static SeriesStats.Stats stats(Object[] a) {
        double[] x = doubles(a[0]);
        return x == null ? null : SeriesStats.stats(x, a.length > 1 && Boolean.TRUE.equals(a[1]));
    }

    /** The library's null statistic is NaN and its null position -1; here both are null. */
    private static List<Object> statsValues(SeriesStats.Stats stats) {
        return Arrays.asList(nullIfNaN(stats.min()), position(stats.minIdx()), nullIfNaN(stats.max()),
                position(stats.maxIdx()), nullIfNaN(stats.avg()), nullIfNaN(stats.stdev()),
                nullIfNaN(stats.variance()));
    }

    private static Object position(long index) {
        return index < 0 ? null : (Object) index;
    }

    // ---------------------------------------------------------------------------------------------
    // series_periods_detect, series_periods_validate

    /** Kusto's limit on the periods series_periods_validate takes (docs). */
    private static final int MAX_VALIDATED_PERIODS = 16;

    private static void periods(FunctionRegistry.Builder registry) {
        List<String> components = List.of("periods", "scores");
        List<ScalarType> types = List.of(ScalarType.DYNAMIC, ScalarType.DYNAMIC);
        registry.add(ScalarFunction.of("series_periods_detect", 4, 4,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.NUMBER, Parameter.NUMBER, Parameter.NUMBER),
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    if (x == null) {
                        return null;
                    }
                    return periodsValues(SeriesPeriods.detect(x, number(a, 1, Double.NaN), number(a, 2, Double.NaN),
                            (int) number(a, 3, 0)));
                }, "series_periods_detect(y, min_period, max_period, num_periods): periods, scores")
                .withComponents(components, types)
                .withParameterNames("series", "min_period", "max_period", "num_periods"));
        registry.add(ScalarFunction.of("series_periods_validate", 2, 1 + MAX_VALIDATED_PERIODS,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.NUMBER), KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    if (x == null) {
                        return null;
                    }
                    double[] periods = new double[a.length - 1];
                    for (int i = 0; i < periods.length; i++) {
                        periods[i] = number(a, i + 1, Double.NaN);
                    }
                    return periodsValues(SeriesPeriods.validate(x, periods));
                }, "series_periods_validate(y, period1, ..., period16): periods, scores")
                .withComponents(components, types));
    }

    private static List<Object> periodsValues(Periods periods) {
        return List.of(list(periods.periods()), list(periods.scores()));
    }

    // ---------------------------------------------------------------------------------------------
    // series_fill_backward, series_fill_forward, series_fill_const, series_fill_linear

    private static void fills(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("series_fill_backward", 1, 2,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.NUMBER), KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    return x == null ? null
                            : filled(a[0], x, SeriesFill.backward(x, number(a, 1, Double.NaN)), integral(a[0]));
                }, "series_fill_backward(y, missing_value_placeholder=null): each missing value takes the next one")
                .withParameterNames("series", "missing_value_placeholder"));
        registry.add(ScalarFunction.of("series_fill_forward", 1, 2,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.NUMBER), KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    return x == null ? null
                            : filled(a[0], x, SeriesFill.forward(x, number(a, 1, Double.NaN)), integral(a[0]));
                }, "series_fill_forward(y, missing_value_placeholder=null): each missing value takes the previous one")
                .withParameterNames("series", "missing_value_placeholder"));
        // The docs now mark constant_value required; older docs and the language library give it the default 0.
        registry.add(ScalarFunction.of("series_fill_const", 1, 3,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.NUMBER, Parameter.NUMBER),
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    if (x == null) {
                        return null;
                    }
                    // A null constant fills nothing; the filled elements are the constant as written:
                    // fill_const(arr, 0.0) puts 0.0 and fill_const(arr, -1) puts -1 (docs example).
                    double constant = a.length < 2 ? 0 : a[1] instanceof Number n ? n.doubleValue() : Double.NaN;
                    boolean integralConstant = a.length < 2 || isInteger(a[1]);
                    return filled(a[0], x, SeriesFill.constant(x, constant, number(a, 2, Double.NaN)),
                            integralConstant);
                }, "series_fill_const(y, constant_value=0, missing_value_placeholder=null)")
                .withParameterNames("series", "constant_value", "missing_value_placeholder"));
        registry.add(ScalarFunction.of("series_fill_linear", 1, 4,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.NUMBER, Parameter.BOOL, Parameter.NUMBER),
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    if (x == null) {
                        return null;
                    }
                    boolean fillEdges = !(a.length > 2 && Boolean.FALSE.equals(a[2]));
                    return filled(a[0], x, SeriesFill.linear(x, number(a, 1, Double.NaN), fillEdges, number(a, 3, 0)),
                            integral(a[0]));
                }, "series_fill_linear(y, missing_value_placeholder=null, fill_edges=true, constant_value=0)")
                .withParameterNames("series", "missing_value_placeholder", "fill_edges", "constant_value"));
    }

    /**
     * A fill's result with the input's element types: an element the fill left alone is the input's own value
     * (a placeholder that could not be filled stays the placeholder), a filled one is a long when
     * {@code integral} (truncated, as Kusto's integer example of series_fill_linear shows) and a real otherwise.
     */
    private static List<Object> filled(Object input, double[] x, double[] out, boolean integral) {
        List<?> original = (List<?>) input;
        List<Object> result = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            double v = out[i];
            if (Double.compare(v, x[i]) == 0) {
                result.add(Double.isNaN(v) ? null : original.get(i));
            } else if (Double.isNaN(v)) {
                result.add(null);
            } else {
                result.add(integral && Double.isFinite(v) ? (Object) (long) v : (Object) v);
            }
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------
    // series_fir, series_iir

    private static void filters(FunctionRegistry.Builder registry) {
        registry.add(ScalarFunction.of("series_fir", 2, 4,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.SERIES, Parameter.BOOL, Parameter.BOOL),
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    double[] filter = doubles(a[1]);
                    if (x == null || filter == null) {
                        return null;
                    }
                    // normalize defaults to true unless the filter has a negative coefficient (docs).
                    boolean normalize = a.length > 2 && a[2] instanceof Boolean b ? b : !hasNegative(filter);
                    boolean center = a.length > 3 && Boolean.TRUE.equals(a[3]);
                    return list(SeriesFilter.fir(x, filter, normalize, center));
                }, "series_fir(y, filter, normalize=true unless a coefficient is negative, center=false)")
                .withParameterNames("series", "filter", "normalize", "center"));
        registry.add(ScalarFunction.of("series_iir", 3, 3,
                signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.SERIES, Parameter.SERIES),
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    double[] numerators = doubles(a[1]);
                    double[] denominators = doubles(a[2]);
                    if (x == null || numerators == null || denominators == null) {
                        return null;
                    }
                    return list(SeriesFilter.iir(x, numerators, denominators));
                }, "series_iir(y, numerators, denominators): e.g. dynamic([1]), dynamic([1,-1]) is the running sum")
                .withParameterNames("series", "numerators", "denominators"));
    }

    private static boolean hasNegative(double[] values) {
        for (double v : values) {
            if (v < 0) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // series_fft, series_ifft

    private static void transforms(FunctionRegistry.Builder registry) {
        List<String> components = List.of("real", "imag");
        List<ScalarType> types = List.of(ScalarType.DYNAMIC, ScalarType.DYNAMIC);
        ScalarFunction.TypeRule rule = signature(ScalarType.DYNAMIC, Parameter.SERIES, Parameter.SERIES);
        registry.add(ScalarFunction.of("series_fft", 1, 2, rule, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] real = doubles(a[0]);
            double[] imaginary = a.length > 1 ? doubles(a[1]) : null;
            if (real == null || (a.length > 1 && a[1] != null && imaginary == null)) {
                return null;
            }
            return complexValues(SeriesFft.fft(real, imaginary));
        }, "series_fft(x_real, x_imaginary): real, imag").withComponents(components, types)
                .withParameterNames("x_real", "x_imaginary"));
        registry.add(ScalarFunction.of("series_ifft", 1, 2, rule, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] real = doubles(a[0]);
            double[] imaginary = a.length > 1 ? doubles(a[1]) : null;
            if (real == null || (a.length > 1 && a[1] != null && imaginary == null)) {
                return null;
            }
            return complexValues(SeriesFft.ifft(real, imaginary));
        }, "series_ifft(fft_real, fft_imaginary): real, imag (scaled by 1/n)").withComponents(components, types)
                .withParameterNames("fft_real", "fft_imaginary"));
    }

    private static List<Object> complexValues(ComplexSeries series) {
        return List.of(list(series.real()), list(series.imaginary()));
    }

    // ---------------------------------------------------------------------------------------------
    // Reductions to one real: sum, product, magnitude, dot product, cosine similarity, Pearson correlation

    private static void reductions(FunctionRegistry.Builder registry) {
        ScalarFunction.TypeRule seriesIn = signature(ScalarType.REAL, Parameter.SERIES);
        registry.add(ScalarFunction.of("series_sum", 1, 1, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] x = doubles(a[0]);
            return x == null ? null : nullIfNaN(SeriesVectors.sum(x));
        }, "series_sum(x): the sum of the elements")
                .withParameterNames("series"));
        registry.add(ScalarFunction.of("series_product", 1, 1, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] x = doubles(a[0]);
            return x == null ? null : nullIfNaN(SeriesVectors.product(x));
        }, "series_product(x): the product of the elements")
                .withParameterNames("series"));
        registry.add(ScalarFunction.of("series_magnitude", 1, 1, seriesIn, KERNEL_HANDLES_NULLS, (a, call) -> {
            double[] x = doubles(a[0]);
            return x == null ? null : nullIfNaN(SeriesVectors.magnitude(x));
        }, "series_magnitude(x): the Euclidean norm")
                .withParameterNames("series"));
        registry.add(ScalarFunction.of("series_dot_product", 2, 2, binarySignature(ScalarType.REAL),
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    double[] y = doubles(a[1]);
                    if (x != null && y != null) {
                        return nullIfNaN(SeriesVectors.dotProduct(x, y));
                    }
                    // A scalar operand is broadcast to the other's length (docs), on either side.
                    if (x != null && isScalar(a[1], call, 1)) {
                        return nullIfNaN(SeriesVectors.dotProduct(x, scalar(a[1])));
                    }
                    if (y != null && isScalar(a[0], call, 0)) {
                        return nullIfNaN(SeriesVectors.dotProduct(y, scalar(a[0])));
                    }
                    return null;
                }, "series_dot_product(x, y): sum x[i]*y[i] over the common length; y may be a number")
                .withParameterNames("series1", "series2"));
        registry.add(ScalarFunction.of("series_cosine_similarity", 2, 4,
                signature(ScalarType.REAL, Parameter.SERIES, Parameter.SERIES, Parameter.NUMBER, Parameter.NUMBER),
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    double[] y = doubles(a[1]);
                    if (x == null || y == null) {
                        return null;
                    }
                    return nullIfNaN(SeriesVectors.cosineSimilarity(x, y, number(a, 2, Double.NaN),
                            number(a, 3, Double.NaN)));
                }, "series_cosine_similarity(x, y, magnitude_x, magnitude_y): the cosine of the angle between them")
                .withParameterNames("series1", "series2", "magnitude1", "magnitude2"));
        registry.add(ScalarFunction.of("series_pearson_correlation", 2, 2,
                signature(ScalarType.REAL, Parameter.SERIES, Parameter.SERIES), KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    double[] y = doubles(a[1]);
                    return x == null || y == null ? null : nullIfNaN(SeriesVectors.pearsonCorrelation(x, y));
                }, "series_pearson_correlation(x, y): the Pearson correlation coefficient")
                .withParameterNames("series1", "series2"));
    }

    // ---------------------------------------------------------------------------------------------
    // Element-wise functions

    /** How an element-wise result is typed. */
    private enum Elements {
        /** Reals. */
        REAL,
        /** Longs when every operand is integer, else reals. */
        KEEP_INTEGERS,
        /** 1.0/0.0 as true/false. */
        BOOL
    }

    @FunctionalInterface
    private interface Unary {
        double[] apply(double[] x);
    }

    @FunctionalInterface
    private interface SeriesSeries {
        double[] apply(double[] x, double[] y);
    }

    @FunctionalInterface
    private interface SeriesScalar {
        double[] apply(double[] x, double b);
    }

    @FunctionalInterface
    private interface ScalarSeries {
        double[] apply(double a, double[] y);
    }

    private static void elementwise(FunctionRegistry.Builder registry) {
        unary(registry, "series_abs", SeriesElementwise::abs, Elements.KEEP_INTEGERS, "the absolute value");
        unary(registry, "series_sign", SeriesElementwise::sign, Elements.KEEP_INTEGERS, "-1, 0 or 1");
        unary(registry, "series_acos", SeriesElementwise::acos, Elements.REAL, "the arc cosine");
        unary(registry, "series_asin", SeriesElementwise::asin, Elements.REAL, "the arc sine");
        unary(registry, "series_atan", SeriesElementwise::atan, Elements.REAL, "the arc tangent");
        unary(registry, "series_cos", SeriesElementwise::cos, Elements.REAL, "the cosine");
        unary(registry, "series_sin", SeriesElementwise::sin, Elements.REAL, "the sine");
        unary(registry, "series_tan", SeriesElementwise::tan, Elements.REAL, "the tangent");
        unary(registry, "series_exp", SeriesElementwise::exp, Elements.REAL, "e to the power of each element");
        unary(registry, "series_log", SeriesElementwise::log, Elements.REAL, "the natural logarithm");
        unary(registry, "series_floor", SeriesElementwise::floor, Elements.REAL, "rounded down");
        unary(registry, "series_ceiling", SeriesElementwise::ceiling, Elements.REAL, "rounded up");

        binary(registry, "series_add", SeriesElementwise::add, SeriesElementwise::add, SeriesElementwise::add,
                Elements.KEEP_INTEGERS, "x + y");
        binary(registry, "series_subtract", SeriesElementwise::subtract, SeriesElementwise::subtract,
                SeriesElementwise::subtract, Elements.KEEP_INTEGERS, "x - y");
        binary(registry, "series_multiply", SeriesElementwise::multiply, SeriesElementwise::multiply,
                SeriesElementwise::multiply, Elements.KEEP_INTEGERS, "x * y");
        binary(registry, "series_divide", SeriesElementwise::divide, SeriesElementwise::divide,
                SeriesElementwise::divide, Elements.REAL, "x / y, as reals");
        binary(registry, "series_pow", SeriesElementwise::pow, SeriesElementwise::pow, SeriesElementwise::pow,
                Elements.REAL, "x to the power of y");
        binary(registry, "series_greater", SeriesElementwise::greater, SeriesElementwise::greater,
                SeriesElementwise::greater, Elements.BOOL, "x > y");
        binary(registry, "series_greater_equals", SeriesElementwise::greaterEquals, SeriesElementwise::greaterEquals,
                SeriesElementwise::greaterEquals, Elements.BOOL, "x >= y");
        binary(registry, "series_less", SeriesElementwise::less, SeriesElementwise::less, SeriesElementwise::less,
                Elements.BOOL, "x < y");
        binary(registry, "series_less_equals", SeriesElementwise::lessEquals, SeriesElementwise::lessEquals,
                SeriesElementwise::lessEquals, Elements.BOOL, "x <= y");
        binary(registry, "series_equals", SeriesElementwise::equals, SeriesElementwise::equals,
                SeriesElementwise::equals, Elements.BOOL, "x == y");
        binary(registry, "series_not_equals", SeriesElementwise::notEquals, SeriesElementwise::notEquals,
                SeriesElementwise::notEquals, Elements.BOOL, "x != y");
    }

    private static void unary(FunctionRegistry.Builder registry, String name, Unary kernel, Elements elements,
                              String what) {
        registry.add(ScalarFunction.of(name, 1, 1, signature(ScalarType.DYNAMIC, Parameter.SERIES),
                KERNEL_HANDLES_NULLS, (a, call) -> {
                    double[] x = doubles(a[0]);
                    return x == null ? null : typed(kernel.apply(x), elements, integral(a[0]));
                }, name + "(x): " + what + " of each element").withParameterNames("series"));
    }

    private static void binary(FunctionRegistry.Builder registry, String name, SeriesSeries bothSeries,
                               SeriesScalar seriesScalar, ScalarSeries scalarSeries, Elements elements, String what) {
        registry.add(ScalarFunction.of(name, 2, 2, binarySignature(ScalarType.DYNAMIC), KERNEL_HANDLES_NULLS,
                (a, call) -> {
                    double[] x = doubles(a[0]);
                    double[] y = doubles(a[1]);
                    boolean integral = integral(a[0]) && integral(a[1]);
                    if (x != null && y != null) {
                        return typed(bothSeries.apply(x, y), elements, integral);
                    }
                    // A number on either side applies to every element of the series on the other.
                    if (x != null && isScalar(a[1], call, 1)) {
                        return typed(seriesScalar.apply(x, scalar(a[1])), elements, integral);
                    }
                    if (y != null && isScalar(a[0], call, 0)) {
                        return typed(scalarSeries.apply(scalar(a[0]), y), elements, integral);
                    }
                    return null;
                }, name + "(x, y): " + what + " element by element; either may be a number").withParameterNames("series1", "series2"));
    }

    private static List<Object> typed(double[] values, Elements elements, boolean integral) {
        return switch (elements) {
            case REAL -> list(values);
            case KEEP_INTEGERS -> integral ? longs(values) : list(values);
            case BOOL -> bools(values);
        };
    }

    private static List<Object> longs(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double value : values) {
            out.add(Double.isFinite(value) ? (Object) (long) value : null);
        }
        return out;
    }

    private static List<Object> bools(double[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (double value : values) {
            out.add(Double.isNaN(value) ? null : (Object) (value != 0));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Shared helpers

    /**
     * The result type when each argument fits its position's parameter (the last parameter repeats for
     * variadic functions such as series_periods_validate), else null.
     */
    private static ScalarFunction.TypeRule signature(ScalarType result, Parameter... parameters) {
        return types -> {
            for (int i = 0; i < types.size(); i++) {
                if (!accepts(parameters[Math.min(i, parameters.length - 1)], types.get(i))) {
                    return null;
                }
            }
            return result;
        };
    }

    /** Two operands, at least one a series, the other a series or a number. */
    private static ScalarFunction.TypeRule binarySignature(ScalarType result) {
        return types -> types.size() == 2 && accepts(Parameter.SERIES_OR_NUMBER, types.get(0))
                && accepts(Parameter.SERIES_OR_NUMBER, types.get(1))
                && (types.get(0) == ScalarType.DYNAMIC || types.get(1) == ScalarType.DYNAMIC) ? result : null;
    }

    private static boolean accepts(Parameter parameter, ScalarType type) {
        if (type == ScalarType.DYNAMIC) {
            return true;
        }
        return switch (parameter) {
            case SERIES -> false;
            case NUMBER, SERIES_OR_NUMBER -> type.isNumeric();
            case BOOL -> type == ScalarType.BOOL;
            case STRING -> type == ScalarType.STRING;
        };
    }

    /** Whether argument {@code index} is a number operand: a number, a null of a numeric type, or a dynamic number. */
    private static boolean isScalar(Object value, ScalarFunction.Call call, int index) {
        return value instanceof Number || (value == null && call.argumentTypes().get(index).isNumeric());
    }

    /** A number operand's value; a null one is NaN, which makes every result element null. */
    private static double scalar(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer;
    }

    /**
     * Whether an operand is integer-typed: an integer number, or an array with at least one element whose numeric
     * elements are all integers (nulls and non-numbers aside, as they give null elements anyway).
     */
    private static boolean integral(Object value) {
        if (value instanceof List<?> list) {
            boolean any = false;
            for (Object element : list) {
                if (element instanceof Number) {
                    if (!isInteger(element)) {
                        return false;
                    }
                    any = true;
                }
            }
            return any;
        }
        return isInteger(value) || value == null;
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
