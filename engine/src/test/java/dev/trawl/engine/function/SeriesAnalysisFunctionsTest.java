package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryException;
import dev.trawl.engine.exec.QueryResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The series functions that analyse a whole series, end to end: series_decompose_forecast, series_fit_2lines and
 * the _dynamic bags, series_stats(_dynamic), series_periods_detect/validate, series_seasonal, the series_fill_*
 * family, series_fir, series_iir, series_fft and series_ifft. Documented examples come from
 * shared/kql/conformance/cases.jsonl; result column names follow {@code <function>_<argument>_<component>}
 * (semantics §1.1).
 */
class SeriesAnalysisFunctionsTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    /** Header {@code name:type|...} then one line per row; a null cell is written {@code <null>}. */
    private List<String> rows(String query) {
        return new QueryRows(engine).rows(query);
    }

    /** The type and text of {@code print r = expression}, as {@code type text}. */
    private String value(String expression) {
        return new QueryRows(engine).value(expression);
    }

    private Object cell(String query, String column) {
        QueryResult result = engine.run(query);
        for (int c = 0; c < result.columns().size(); c++) {
            if (result.columns().get(c).name().equals(column)) {
                return result.value(0, c);
            }
        }
        throw new AssertionError("no column " + column);
    }

    private static double real(Object value) {
        assertTrue(value instanceof Number, "not a number: " + value);
        return ((Number) value).doubleValue();
    }

    private static void assertNumbers(double[] expected, Object actual, double tolerance) {
        assertTrue(actual instanceof List<?>, "not an array: " + actual);
        List<?> list = (List<?>) actual;
        assertEquals(expected.length, list.size(), "length of " + list);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], real(list.get(i)), tolerance, "element " + i + " of " + list);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // series_decompose_forecast

    @Test
    void forecastIsOneArrayExtendingALineFitTrendByDefault() {
        assertEquals(List.of("y:dynamic|f:dynamic", "[1,2,3,4,5,6,7,8,0,0]|[1,2,3,4,5,6,7,8,9,10]"),
                rows("print y = dynamic([1,2,3,4,5,6,7,8,0,0]) | extend f = series_decompose_forecast(y, 2)"));
        assertEquals(List.of("y:dynamic|Column1:dynamic", "[1,2,3,4,5,6,7,8,0,0]|[1,2,3,4,5,6,7,8,9,10]"),
                rows("print y = dynamic([1,2,3,4,5,6,7,8,0,0]) | extend series_decompose_forecast(y, 2)"),
                "one column, not the decompose tuple");
        assertEquals("dynamic [4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5]",
                value("series_decompose_forecast(dynamic([1,2,3,4,5,6,7,8,0,0]), 2, 0, 'avg')"));
    }

    @Test
    void forecastRepeatsTheSeasonalPatternOverThePoints() {
        assertEquals("dynamic [1,5,9,5,1,5,9,5,1,5,9,5,1,5,9,5]",
                value("series_decompose_forecast(dynamic([1,5,9,5,1,5,9,5,1,5,9,5,0,0,0,0]), 4, 4, 'none')"));
        // The learning sees only the first n - points values: the empty tail does not drag the line down.
        List<?> forecast = (List<?>) cell("print f = series_decompose_forecast(dynamic([10,12,14,16,18,20,0,0]), 2, 0)",
                "f");
        assertNumbers(new double[] {10, 12, 14, 16, 18, 20, 22, 24}, forecast, 1e-9);
        QueryException trend = assertThrows(QueryException.class,
                () -> engine.run("print series_decompose_forecast(dynamic([1,2,3]), 1, 0, 'cubic')"));
        assertTrue(trend.getMessage().contains("Trend"), trend.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // series_fit_line_dynamic, series_fit_2lines, series_fit_2lines_dynamic

    private static final String LINE = "print y = dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])";
    private static final String TWO_LINES = "print y = dynamic([1, 2.2, 2.5, 4.7, 5.0, 12, 10.3, 10.3, 9, 8.3, 6.2])";

    @Test
    void fitLineDynamicIsABagWithTheDocumentedValues() {
        Object fit = cell(LINE + " | extend fit = series_fit_line_dynamic(y)", "fit");
        assertTrue(fit instanceof Map<?, ?>, "not a bag: " + fit);
        Map<?, ?> bag = (Map<?, ?>) fit;
        assertEquals(List.of("rsquare", "slope", "variance", "rvariance", "interception", "line_fit"),
                List.copyOf(bag.keySet()));
        // Documented to 3 decimals: RSquare 0.982, Slope 2.730, Variance 98.628, RVariance 1.686, Interception -1.666.
        assertEquals(0.982900730884447, real(bag.get("rsquare")), 1e-12);
        assertEquals(2.730769230769231, real(bag.get("slope")), 1e-12);
        assertEquals(98.62878787878788, real(bag.get("variance")), 1e-9);
        assertEquals(1.686480186480187, real(bag.get("rvariance")), 1e-12);
        assertEquals(-1.666666666666667, real(bag.get("interception")), 1e-12);
        assertNumbers(new double[] {1.064, 3.7945, 6.526, 9.256, 11.987, 14.718, 17.449, 20.180, 22.910, 25.641, 28.371,
                31.102}, bag.get("line_fit"), 1e-3);
        assertEquals(List.of("RSquare:real|Slope:real|LineFit:dynamic"),
                rows(LINE + " | extend fit = series_fit_line_dynamic(y) | project RSquare = todouble(fit.rsquare), "
                        + "Slope = todouble(fit.slope), LineFit = fit.line_fit | take 0"));
    }

    @Test
    void fit2LinesSpreadsItsFifteenComponentsInKustoOrder() {
        List<String> rows = rows(TWO_LINES + " | extend series_fit_2lines(y) | project-away y");
        assertEquals("series_fit_2lines_y_rsquare:real|series_fit_2lines_y_split_idx:long|"
                + "series_fit_2lines_y_variance:real|series_fit_2lines_y_rvariance:real|"
                + "series_fit_2lines_y_line_fit:dynamic|series_fit_2lines_y_right_rsquare:real|"
                + "series_fit_2lines_y_right_slope:real|series_fit_2lines_y_right_interception:real|"
                + "series_fit_2lines_y_right_variance:real|series_fit_2lines_y_right_rvariance:real|"
                + "series_fit_2lines_y_left_rsquare:real|series_fit_2lines_y_left_slope:real|"
                + "series_fit_2lines_y_left_interception:real|series_fit_2lines_y_left_variance:real|"
                + "series_fit_2lines_y_left_rvariance:real", rows.get(0));
        String query = TWO_LINES + " | extend (rsquare, split_idx, variance, rvariance, line_fit, right_rsquare, "
                + "right_slope, right_interception, right_variance, right_rvariance, left_rsquare, left_slope, "
                + "left_interception, left_variance, left_rvariance) = series_fit_2lines(y)";
        assertEquals(5L, cell(query, "split_idx"), "the rise ends at index 4, the fall starts at 5");
        // The left part [1, 2.2, 2.5, 4.7, 5] fitted over x = 1..5: slope 10.5 / 10, interception 3.08 - 3 * 1.05.
        assertEquals(1.05, real(cell(query, "left_slope")), 1e-12);
        assertEquals(-0.07, real(cell(query, "left_interception")), 1e-12);
        assertEquals(13.894, real(cell(query, "variance")), 1e-12, "the sample variance of the whole input");
        assertTrue(real(cell(query, "right_slope")) < 0);
        assertTrue(real(cell(query, "rsquare")) > real(cell(TWO_LINES + " | extend (r) = series_fit_line(y)", "r")),
                "two lines fit better than one");
        List<?> lineFit = (List<?>) cell(query, "line_fit");
        assertEquals(11, lineFit.size());
        assertEquals(1.05 * 5 - 0.07, real(lineFit.get(4)), 1e-12, "the left line's last point");
    }

    @Test
    void fit2LinesDynamicNestsTheSegmentsUnderRightAndLeft() {
        Map<?, ?> bag = (Map<?, ?>) cell(TWO_LINES + " | extend f = series_fit_2lines_dynamic(y)", "f");
        assertEquals(List.of("rsquare", "split_idx", "variance", "rvariance", "line_fit", "right", "left"),
                List.copyOf(bag.keySet()));
        assertEquals(5L, bag.get("split_idx"));
        Map<?, ?> left = (Map<?, ?>) bag.get("left");
        assertEquals(List.of("rsquare", "slope", "interception", "variance", "rvariance"), List.copyOf(left.keySet()));
        assertEquals(1.05, real(left.get("slope")), 1e-12);
        String tuple = TWO_LINES + " | extend (rsquare, split_idx, variance, rvariance, line_fit) = series_fit_2lines(y)";
        assertEquals(cell(tuple, "line_fit"), bag.get("line_fit"), "the same fit as the tuple");
        assertEquals(real(cell(tuple, "rsquare")), real(bag.get("rsquare")), 0);
        assertEquals("real -1.0371428571428571",
                value("todouble(series_fit_2lines_dynamic(dynamic([1, 2.2, 2.5, 4.7, 5.0, 12, 10.3, 10.3, 9, 8.3, "
                        + "6.2])).right.slope)"));
    }

    @Test
    void aSeriesTooShortToSplitHasNoSplit() {
        assertEquals(-1L, cell("print y = dynamic([1, 2, 3]) | extend (r, split_idx) = series_fit_2lines(y)",
                "split_idx"));
    }

    // ---------------------------------------------------------------------------------------------
    // series_stats, series_stats_dynamic

    private static final String STATS = "print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29])";

    @Test
    void statsFollowTheDocumentedExample() {
        assertEquals(List.of("series_stats_x_min:real|series_stats_x_min_idx:long|series_stats_x_max:real|"
                + "series_stats_x_max_idx:long|series_stats_x_avg:real|series_stats_x_stdev:real|"
                + "series_stats_x_variance:real", "2|8|87|3|32.8|28.503633853548266|812.4571428571428"),
                rows(STATS + " | extend series_stats(x) | project-away x"));
    }

    @Test
    void statsDynamicIsABagWithSumAndLen() {
        Map<?, ?> stats = (Map<?, ?>) cell(STATS + " | project stats = series_stats_dynamic(x)", "stats");
        assertEquals(List.of("min", "min_idx", "max", "max_idx", "avg", "stdev", "variance", "sum", "len"),
                List.copyOf(stats.keySet()));
        assertEquals(2.0, stats.get("min"));
        assertEquals(8L, stats.get("min_idx"));
        assertEquals(87.0, stats.get("max"));
        assertEquals(3L, stats.get("max_idx"));
        assertEquals(32.8, real(stats.get("avg")), 1e-12);
        assertEquals(28.503633853548269, real(stats.get("stdev")), 1e-12);
        assertEquals(812.45714285714291, real(stats.get("variance")), 1e-9);
        assertEquals(492.0, stats.get("sum"));
        assertEquals(15L, stats.get("len"));
    }

    @Test
    void aNullElementNullsTheStatisticsUnlessIgnored() {
        assertEquals("dynamic {\"min\":null,\"min_idx\":null,\"max\":null,\"max_idx\":null,\"avg\":null,"
                + "\"stdev\":null,\"variance\":null,\"sum\":null,\"len\":3}",
                value("series_stats_dynamic(dynamic([1, null, 3]))"));
        assertEquals("dynamic {\"min\":1,\"min_idx\":0,\"max\":3,\"max_idx\":2,\"avg\":2,"
                + "\"stdev\":1.4142135623730951,\"variance\":2,\"sum\":4,\"len\":2}",
                value("series_stats_dynamic(dynamic([1, null, 3]), true)"));
        assertEquals(List.of("r_min:real|r_min_idx:long", "<null>|<null>"),
                rows("print x = dynamic([1, null]) | extend (r_min, r_min_idx) = series_stats(x) | project-away x"));
    }

    // ---------------------------------------------------------------------------------------------
    // series_periods_detect, series_periods_validate

    private static final String TRAFFIC = "print y=dynamic([80, 139, 87, 110, 68, 54, 50, 51, 53, 133, 86, 141, 97, 156, "
            + "94, 149, 95, 140, 77, 61, 50, 54, 47, 133, 72, 152, 94, 148, 105, 162, 101, 160, 87, 63, 53, 55, 54, 151, "
            + "103, 189, 108, 183, 113, 175, 113, 178, 90, 71, 62, 62, 65, 165, 109, 181, 115, 182, 121, 178, 114, 170])";

    @Test
    void periodsDetectFindsTheDocumentedPeriod() {
        String query = TRAFFIC + " | extend series_periods_detect(y, 0.0, 50.0, 2) | project-away y";
        assertEquals("series_periods_detect_y_periods:dynamic|series_periods_detect_y_scores:dynamic",
                rows(query).get(0));
        assertNumbers(new double[] {14, 0}, cell(query, "series_periods_detect_y_periods"), 0);
        // Documented as [0.84, 0] ("truncated").
        assertNumbers(new double[] {0.84, 0}, cell(query, "series_periods_detect_y_scores"), 0.01);
        assertTrue(cell(query, "series_periods_detect_y_periods") instanceof List<?> periods
                && periods.get(0) instanceof Double, "periods are reals");
    }

    @Test
    void periodsValidateScoresTheGivenPeriods() {
        String query = TRAFFIC + " | extend (periods, scores) = series_periods_validate(y, 14.0, 10.0)";
        assertNumbers(new double[] {14, 10}, cell(query, "periods"), 0);
        assertNumbers(new double[] {0.84, 0}, cell(query, "scores"), 0.01);
        assertEquals(List.of("series_periods_validate_y_periods:dynamic|series_periods_validate_y_scores:dynamic"),
                rows(TRAFFIC + " | extend series_periods_validate(y, 14) | project-away y | take 0"));
        assertNumbers(new double[] {0}, cell(TRAFFIC + " | extend (p, s) = series_periods_validate(y, 3)", "s"), 0);
        String seventeen = String.join(", ", java.util.Collections.nCopies(17, "4"));
        QueryException tooMany = assertThrows(QueryException.class,
                () -> engine.run(TRAFFIC + " | extend series_periods_validate(y, " + seventeen + ")"));
        assertEquals("KQL2004", tooMany.diagnostics().get(0).code(), tooMany.getMessage());
    }

    @Test
    void periodsDetectNeedsAllFourArguments() {
        QueryException error = assertThrows(QueryException.class,
                () -> engine.run(TRAFFIC + " | extend series_periods_detect(y, 0.0, 50.0)"));
        assertEquals("KQL2004", error.diagnostics().get(0).code(), error.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // series_seasonal

    @Test
    void seasonalFollowsTheDocumentedExamples() {
        assertEquals("dynamic [1,3,5,1,3,5,1,3,5]", value("series_seasonal(dynamic([1, 3, 5, 1, 3, 5, 2, 4, 6]), 3)"));
        assertEquals("dynamic [1.5,3.5,5.5,1.5,3.5,5.5,1.5,3.5,5.5,1.5,3.5,5.5]",
                value("series_seasonal(dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]), 3)"));
        assertEquals("dynamic [1,2,3,4,3,2,1,2,3,4,3,2,1,2,3,4,3,2,1,2,3,4,3,2,1]",
                value("series_seasonal(dynamic([2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, "
                        + "1]))"), "period 6 detected");
        assertEquals("dynamic [10,12,14,12,10,10,12,14,12,10,10,12,14,12,10,10,12,14,12,10]",
                value("series_seasonal(dynamic([8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, "
                        + "12, 10]))"), "period 5 detected");
        assertEquals("dynamic [0,0,0,0,0,0,0,0,0,0,0,0]",
                value("series_seasonal(dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]))"), "nothing detected");
        assertEquals("dynamic [0,0,0]", value("series_seasonal(dynamic([1, 2, 3]), 0)"));
    }

    // ---------------------------------------------------------------------------------------------
    // series_fill_backward, series_fill_forward, series_fill_const, series_fill_linear

    @Test
    void fillsFollowTheDocumentedExamples() {
        assertEquals("dynamic [111,36,36,41,16,16,16,61,33,null,null]",
                value("series_fill_backward(dynamic([111, null, 36, 41, null, null, 16, 61, 33, null, null]))"));
        assertEquals("dynamic [null,null,36,41,41,41,16,61,33,33,33]",
                value("series_fill_forward(dynamic([null, null, 36, 41, null, null, 16, 61, 33, null, null]))"));
        String constant = "dynamic([111, null, 36, 41, 23, null, 16, 61, 33, null, null])";
        assertEquals(List.of(111L, 0.0, 36L, 41L, 23L, 0.0, 16L, 61L, 33L, 0.0, 0.0),
                cell("print r = series_fill_const(" + constant + ", 0.0)", "r"), "the constant as written");
        assertEquals("dynamic [111,-1,36,41,23,-1,16,61,33,-1,-1]", value("series_fill_const(" + constant + ", -1)"));
    }

    @Test
    void fillLinearFollowsTheDocumentedExample() {
        String reals = "dynamic([null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null])";
        assertNumbers(new double[] {111, 111, 73.5, 36, 41, 32.667, 24.333, 16, 61, 33, 33, 33},
                cell("print r = series_fill_linear(" + reals + ")", "r"), 1e-3);
        assertEquals(cell("print r = series_fill_linear(" + reals + ")", "r"),
                cell("print r = series_fill_linear(" + reals + ", double(null), true)", "r"));
        assertEquals("dynamic [null,111,73.5,36,41,32.666666666666664,24.333333333333332,16,61,33,null,null]",
                value("series_fill_linear(" + reals + ", double(null), false)"));
        // An integer array keeps integers: the interpolated values are truncated (73.5 to 73), as documented.
        String integers = "dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null])";
        assertEquals(List.of(111L, 111L, 73L, 36L, 41L, 32L, 24L, 16L, 61L, 33L, 33L, 33L),
                cell("print r = series_fill_linear(" + integers + ")", "r"));
        assertEquals("dynamic [null,111,73,36,41,32,24,16,61,33,null,null]",
                value("series_fill_linear(" + integers + ", double(null), false)"));
        assertEquals("dynamic [0,0,0,0]", value("series_fill_linear(dynamic([null, null, null, null]))"));
        assertEquals("dynamic [3.14159,3.14159,3.14159,3.14159]",
                value("series_fill_linear(dynamic([null, null, null, null]), double(null), true, 3.14159)"));
    }

    @Test
    void aPlaceholderMarksTheMissingValues() {
        String series = "dynamic([111, -1, 36, -1])";
        assertEquals("dynamic [111,111,36,36]", value("series_fill_forward(" + series + ", -1)"));
        assertEquals("dynamic [111,36,36,-1]", value("series_fill_backward(" + series + ", -1)"), "nothing after");
        assertEquals("dynamic [111,0,36,0]", value("series_fill_const(" + series + ", 0, -1)"));
        assertEquals("dynamic [111,73,36,36]", value("series_fill_linear(" + series + ", -1)"));
        assertEquals("dynamic [1.5,0,3]", value("series_fill_const(dynamic([1.5, null, 3]))"), "constant 0 by default");
        assertEquals("dynamic [1.5,null,3]", value("series_fill_const(dynamic([1.5, null, 3]), real(null))"));
        assertEquals("dynamic <null>", value("series_fill_forward(dynamic('not an array'))"));
    }

    // ---------------------------------------------------------------------------------------------
    // series_fir, series_iir

    private static final String SPIKE =
            "dynamic([0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 40, 100, 40, 20, 10, 0, 0, 0, 0, 0, 0, 0, 0])";

    @Test
    void firMovingAverageStreamsByDefaultAndCentresOnRequest() {
        // The docs: the five-point average's peak moves by (5 - 1) / 2 = 2 points unless centred.
        List<?> streaming = (List<?>) cell("print r = series_fir(" + SPIKE + ", dynamic([1, 1, 1, 1, 1]))", "r");
        List<?> centred = (List<?>) cell("print r = series_fir(" + SPIKE + ", dynamic([1, 1, 1, 1, 1]), true, true)",
                "r");
        assertEquals(44.0, real(streaming.get(14)), 1e-12, "(20 + 40 + 100 + 40 + 20) / 5, two points late");
        assertEquals(44.0, real(centred.get(12)), 1e-12, "at the spike itself");
        assertEquals(2.0, real(streaming.get(9)), 1e-12);
        assertEquals(24, streaming.size());
    }

    @Test
    void firWithANegativeCoefficientIsNotNormalisedByDefault() {
        String steps = "dynamic([0, 0, 0, 0, 2, 2, 2, 2, 3, 3, 3, 3])";
        assertEquals("dynamic [0,0,0,0,2,0,0,0,1,0,0,0]", value("series_fir(" + steps + ", dynamic([1, -1]), false, false)"));
        assertEquals("dynamic [0,0,0,0,2,0,0,0,1,0,0,0]", value("series_fir(" + steps + ", dynamic([1, -1]))"));
        assertEquals("dynamic [null,null]", value("series_fir(dynamic([1, 2]), dynamic([1, -1]), true)"),
                "normalising a filter with a negative coefficient gives nulls");
    }

    @Test
    void iirFollowsTheDocumentedExamples() {
        assertEquals(List.of("x:dynamic|y:dynamic", "1|1", "2|3", "3|6", "4|10"), rows("""
                let x = range(1.0, 4, 1);
                print x=x, y = series_iir(x, dynamic([1]), dynamic([1,-1]))
                | mv-expand x, y"""));
        assertEquals(List.of("d:dynamic|dd:real", "[0,1,2,3,4]|10"), rows("""
                let vector_sum=(x: dynamic) {
                    let y=array_length(x) - 1;
                    todouble(series_iir(x, dynamic([1]), dynamic([1, -1]))[y])
                };
                print d=dynamic([0, 1, 2, 3, 4])
                | extend dd=vector_sum(d)"""));
        QueryException denominator = assertThrows(QueryException.class,
                () -> engine.run("print series_iir(dynamic([1]), dynamic([1]), dynamic([0, 1]))"));
        assertTrue(denominator.getMessage().contains("denominators"), denominator.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // series_fft, series_ifft

    @Test
    void fftGivesRealAndImaginaryParts() {
        assertEquals(List.of("series_fft_y_real:dynamic|series_fft_y_imag:dynamic", "[10,-2,-2,-2]|[0,2,0,-2]"),
                rows("print y = dynamic([1, 2, 3, 4]) | extend series_fft(y) | project-away y"));
        assertEquals(List.of("r:dynamic|i:dynamic", "[1,2,3,4]|[0,0,0,0]"), rows("""
                print y = dynamic([1, 2, 3, 4])
                | extend (fr, fi) = series_fft(y)
                | extend (r, i) = series_ifft(fr, fi)
                | project r, i"""));
    }

    @Test
    void fftRoundTripsAComplexSeries() {
        // The docs' example: a complex series of two sine waves, transformed and transformed back.
        String query = """
                let sinewave=(x:double, period:double, gain:double=1.0, phase:double=0.0)
                {
                    gain*sin(2*pi()/period*(x+phase))
                };
                let n=128;
                range x from 0 to n-1 step 1 | extend yr=sinewave(x, 8), yi=sinewave(x, 32)
                | summarize x=make_list(x), y_real=make_list(yr), y_imag=make_list(yi)
                | extend (fft_y_real, fft_y_imag) = series_fft(y_real, y_imag)
                | extend (y_real2, y_image2) = series_ifft(fft_y_real, fft_y_imag)""";
        List<?> real = (List<?>) cell(query, "y_real");
        List<?> back = (List<?>) cell(query, "y_real2");
        assertEquals(128, back.size());
        for (int i = 0; i < real.size(); i++) {
            assertEquals(real(real.get(i)), real(back.get(i)), 1e-12, "element " + i);
        }
        // A sine of period 8 over 128 points puts its energy in bin 128 / 8 = 16.
        // (and the imaginary input's period 32 in bin 4, as a real part, since i * -i = 1).
        List<?> spectrumReal = (List<?>) cell(query, "fft_y_real");
        List<?> spectrumImaginary = (List<?>) cell(query, "fft_y_imag");
        assertEquals(-64.0, real(spectrumImaginary.get(16)), 1e-9);
        assertEquals(0.0, real(spectrumReal.get(16)), 1e-9);
        assertEquals(64.0, real(spectrumReal.get(4)), 1e-9);
    }
}
