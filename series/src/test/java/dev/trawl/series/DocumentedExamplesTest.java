package dev.trawl.series;

import static dev.trawl.series.SeriesAssertions.assertSeries;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Every documented numeric example of a series function in {@code shared/kql/conformance/cases.jsonl}, to the
 * precision the docs print. Each test names the line of cases.jsonl it reproduces; values are copied from that
 * line's {@code expected} table. Not covered here: line 25 ({@code slm_embeddings_fl}, a Python plugin), and the
 * decompose family, which has no documented numbers (semantics §7).
 */
class DocumentedExamplesTest {
    private static final double N = Double.NaN; // null

    // --- fits and statistics ---------------------------------------------------------------------------------

    /**
     * cases.jsonl:627 and :628 (series_fit_line_dynamic and series_fit_line, the same numbers). The docs print
     * three decimals and mix truncation (0.9829 as 0.982) with rounding (14.71795 as 14.718), and two line_fit values
     * are off in the fourth decimal (3.7945 for 3.79487, 20.180 for 20.17949), so the tolerance is 1e-3.
     */
    @Test
    void fitLineDocumentedExample() {
        LineFit fit = SeriesFit.line(new double[] {2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30});
        assertEquals(0.982, fit.rsquare(), 1e-3);
        assertEquals(2.730, fit.slope(), 1e-3);
        assertEquals(98.628, fit.variance(), 1e-3);
        assertEquals(1.686, fit.rvariance(), 1e-3);
        assertEquals(-1.666, fit.interception(), 1e-3);
        assertSeries(new double[] {1.064, 3.7945, 6.526, 9.256, 11.987, 14.718, 17.449, 20.180, 22.910, 25.641,
            28.371, 31.102}, fit.lineFit(), 1e-3);
        // The exact values behind the printed ones (semantics §1.6, verified): 98.6288 = sample variance,
        // 1.68648 = SS_res / (n - 1).
        assertEquals(98.62878787878786, fit.variance(), 1e-12);
        assertEquals(1.6864801864801862, fit.rvariance(), 1e-12);
        assertEquals(-1.6666666666666745, fit.interception(), 1e-12);
    }

    /** cases.jsonl:650 (series_stats) and :649 (series_stats_dynamic, which adds sum and len). */
    @Test
    void statsDocumentedExample() {
        SeriesStats.Stats stats = SeriesStats.stats(new double[] {23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16,
            29});
        assertEquals(2, stats.min());
        assertEquals(8, stats.minIdx());
        assertEquals(87, stats.max());
        assertEquals(3, stats.maxIdx());
        assertEquals(32.8, stats.avg(), 1e-12);
        assertEquals(28.5036338535483, stats.stdev(), 1e-13); // :650 prints 15 significant digits
        assertEquals(812.457142857143, stats.variance(), 1e-12);
        assertEquals(28.503633853548269, stats.stdev(), 1e-14); // :649 prints 17
        assertEquals(812.45714285714291, stats.variance(), 1e-12);
        assertEquals(492.0, stats.sum());
        assertEquals(15, stats.len());
    }

    // --- outliers, seasonal, periods --------------------------------------------------------------------------

    /**
     * cases.jsonl:815, the series_outliers output a user observed on a real cluster (SO-75264555), to 1e-9 as the
     * case's notes ask.
     */
    @Test
    void outliersObservedExample() {
        double[] scores = SeriesOutliers.outliers(new double[] {-3, 2.4, 15, 3.9, 5, 6, 4.5, 5.2, 3, 4, 5, 16, 7, 5, 5,
            4});
        assertSeries(new double[] {-1.9040785483608571, -0.10021466044004519, 1.3361954725339347, 0.0, 0.0, 0.0, 0.0,
            0.0, 0.0, 0.0, 0.0, 1.6702443406674186, 0.0, 0.0, 0.0, 0.0}, scores, 1e-9);
    }

    /** cases.jsonl:645, "Auto detect the period" (threshold 0.7): periods 6 and 5 are found, the third is too short. */
    @Test
    void seasonalAutodetectDocumentedExamples() {
        assertSeries(new double[] {1.0, 2.0, 3.0, 4.0, 3.0, 2.0, 1.0, 2.0, 3.0, 4.0, 3.0, 2.0, 1.0, 2.0, 3.0, 4.0, 3.0,
            2.0, 1.0, 2.0, 3.0, 4.0, 3.0, 2.0, 1.0},
                SeriesSeasonal.seasonal(new double[] {2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3,
                    2, 1}), 0);
        assertSeries(new double[] {10.0, 12.0, 14.0, 12.0, 10.0, 10.0, 12.0, 14.0, 12.0, 10.0, 10.0, 12.0, 14.0, 12.0,
            10.0, 10.0, 12.0, 14.0, 12.0, 10.0},
                SeriesSeasonal.seasonal(new double[] {8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12,
                    14, 12, 10}), 0);
        assertSeries(new double[12], SeriesSeasonal.seasonal(new double[] {1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6}), 0);
    }

    /** cases.jsonl:646, "Force a period" of 3. */
    @Test
    void seasonalForcedPeriodDocumentedExamples() {
        assertSeries(new double[] {1.0, 3.0, 5.0, 1.0, 3.0, 5.0, 1.0, 3.0, 5.0},
                SeriesSeasonal.seasonal(new double[] {1, 3, 5, 1, 3, 5, 2, 4, 6}, 3), 0);
        assertSeries(new double[] {1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5},
                SeriesSeasonal.seasonal(new double[] {1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6}, 3), 0);
    }

    /** The 60-point traffic series of cases.jsonl:641 and :642. */
    static final double[] TRAFFIC = {80, 139, 87, 110, 68, 54, 50, 51, 53, 133, 86, 141, 97, 156, 94, 149, 95, 140, 77,
        61, 50, 54, 47, 133, 72, 152, 94, 148, 105, 162, 101, 160, 87, 63, 53, 55, 54, 151, 103, 189, 108, 183, 113, 175,
        113, 178, 90, 71, 62, 62, 65, 165, 109, 181, 115, 182, 121, 178, 114, 170};

    /**
     * cases.jsonl:641: {@code series_periods_detect(y, 0.0, 50.0, 2)} gives {@code [14, 0]}, {@code [0.84, 0]}.
     * Kusto's algorithm is not public and the docs call the scores "truncated", so the score is allowed +-0.05
     * (semantics Known ambiguities 1); measured: 0.8412.
     */
    @Test
    void periodsDetectDocumentedExample() {
        Periods periods = SeriesPeriods.detect(TRAFFIC, 0.0, 50.0, 2);
        assertArrayEquals(new double[] {14, 0}, periods.periods());
        assertEquals(0.84, periods.scores()[0], 0.05);
        assertEquals(0.0, periods.scores()[1]);
    }

    /** cases.jsonl:642: {@code series_periods_validate(y, 14.0, 10.0)} gives {@code [14.0, 10.0]}, {@code [0.84, 0.0]}. */
    @Test
    void periodsValidateDocumentedExample() {
        Periods periods = SeriesPeriods.validate(TRAFFIC, 14.0, 10.0);
        assertArrayEquals(new double[] {14.0, 10.0}, periods.periods());
        assertEquals(0.84, periods.scores()[0], 0.05);
        assertEquals(0.0, periods.scores()[1]);
    }

    // --- fill -------------------------------------------------------------------------------------------------

    /** cases.jsonl:623. */
    @Test
    void fillBackwardDocumentedExample() {
        assertSeries(new double[] {111, 36, 36, 41, 16, 16, 16, 61, 33, N, N},
                SeriesFill.backward(new double[] {111, N, 36, 41, N, N, 16, 61, 33, N, N}), 0);
    }

    /** cases.jsonl:625. */
    @Test
    void fillForwardDocumentedExample() {
        assertSeries(new double[] {N, N, 36, 41, 41, 41, 16, 61, 33, 33, 33},
                SeriesFill.forward(new double[] {N, N, 36, 41, N, N, 16, 61, 33, N, N}), 0);
    }

    /** cases.jsonl:624. */
    @Test
    void fillConstDocumentedExample() {
        double[] arr = {111, N, 36, 41, 23, N, 16, 61, 33, N, N};
        assertSeries(new double[] {111, 0.0, 36, 41, 23, 0.0, 16, 61, 33, 0.0, 0.0}, SeriesFill.constant(arr, 0.0), 0);
        assertSeries(new double[] {111, -1, 36, 41, 23, -1, 16, 61, 33, -1, -1}, SeriesFill.constant(arr, -1), 0);
    }

    /**
     * cases.jsonl:626, the double-array row and the all-null row, at the printed three decimals. The int-array row's
     * truncated values (73, 32, 24) are the engine's cast to the input type, not this library's; its
     * {@code with_const} cell {@code [111,111,74,38,41,...]} contradicts the other cells of the same row (an
     * input 36 cannot become 38) and is taken to be a docs error.
     */
    @Test
    void fillLinearDocumentedExample() {
        double[] arr = {N, 111.0, N, 36.0, 41.0, N, N, 16.0, 61.0, 33.0, N, N};
        double[] filled = {111.0, 111.0, 73.5, 36.0, 41.0, 32.667, 24.333, 16.0, 61.0, 33.0, 33.0, 33.0};
        assertSeries(filled, SeriesFill.linear(arr), 5e-4);
        assertSeries(filled, SeriesFill.linear(arr, N, true, 0.0), 5e-4);
        assertSeries(new double[] {N, 111.0, 73.5, 36.0, 41.0, 32.667, 24.333, 16.0, 61.0, 33.0, N, N},
                SeriesFill.linear(arr, N, false, 0.0), 5e-4);
        assertSeries(filled, SeriesFill.linear(arr, N, true, 3.14159), 5e-4);
        double[] empty = {N, N, N, N};
        assertSeries(new double[] {0.0, 0.0, 0.0, 0.0}, SeriesFill.linear(empty), 0);
        assertSeries(new double[] {0.0, 0.0, 0.0, 0.0}, SeriesFill.linear(empty, N, true, 0.0), 0);
        assertSeries(new double[] {0.0, 0.0, 0.0, 0.0}, SeriesFill.linear(empty, N, false, 0.0), 0);
        assertSeries(new double[] {3.14159, 3.14159, 3.14159, 3.14159}, SeriesFill.linear(empty, N, true, 3.14159), 0);
        // The int row, truncated toward zero as the engine's cast would: [111,111,73,36,41,32,24,16,61,33,33,33].
        double[] ints = SeriesFill.linear(arr);
        double[] truncated = new double[ints.length];
        for (int i = 0; i < ints.length; i++) {
            truncated[i] = (long) ints[i];
        }
        assertSeries(new double[] {111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33}, truncated, 0);
    }

    // --- filters ----------------------------------------------------------------------------------------------

    /** cases.jsonl:632: the running sum of 1..10, of which the docs print the first four rows. */
    @Test
    void iirRunningSumDocumentedExample() {
        double[] y = SeriesFilter.iir(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new double[] {1},
                new double[] {1, -1});
        assertSeries(new double[] {1.0, 3.0, 6.0, 10.0}, java.util.Arrays.copyOf(y, 4), 0);
        assertEquals(55.0, y[9]);
    }

    /** cases.jsonl:633: the last element of the running sum of [0,1,2,3,4] is 10. */
    @Test
    void iirVectorSumDocumentedExample() {
        double[] y = SeriesFilter.iir(new double[] {0, 1, 2, 3, 4}, new double[] {1}, new double[] {1, -1});
        assertEquals(10.0, y[4]);
    }

    // --- element-wise -----------------------------------------------------------------------------------------

    /** cases.jsonl:610. */
    @Test
    void absDocumentedExample() {
        assertSeries(new double[] {6.5, 0, 8.2}, SeriesElementwise.abs(new double[] {-6.5, 0, 8.2}), 0);
    }

    /**
     * cases.jsonl:611, :613, :614, :616, :648, :653 (acos, asin, atan, cos, sin, tan of [-1, 0, 1]). Several of
     * these pages echo a wrong input ({@code [-6.5,0,8.2]}) beside the right outputs; the query's input is used.
     * Outputs are printed with 17 significant digits, i.e. exactly.
     */
    @Test
    void trigonometryDocumentedExamples() {
        double[] x = {-1, 0, 1};
        assertSeries(new double[] {3.1415926535897931, 1.5707963267948966, 0.0}, SeriesElementwise.acos(x), 0);
        assertSeries(new double[] {-1.5707963267948966, 0, 1.5707963267948966}, SeriesElementwise.asin(x), 0);
        assertSeries(new double[] {-0.78539816339744828, 0.0, 0.78539816339744828}, SeriesElementwise.atan(x), 0);
        assertSeries(new double[] {0.54030230586813976, 1.0, 0.54030230586813976}, SeriesElementwise.cos(x), 0);
        assertSeries(new double[] {-0.8414709848078965, 0.0, 0.8414709848078965}, SeriesElementwise.sin(x), 0);
        assertSeries(new double[] {-1.5574077246549023, 0.0, 1.5574077246549023}, SeriesElementwise.tan(x), 0);
    }

    /** cases.jsonl:615 and :629. */
    @Test
    void ceilingAndFloorDocumentedExamples() {
        double[] s = {-1.5, 1, 2.5};
        assertSeries(new double[] {-1.0, 1.0, 3.0}, SeriesElementwise.ceiling(s), 0);
        assertSeries(new double[] {-2.0, 1.0, 2.0}, SeriesElementwise.floor(s), 0);
    }

    /** cases.jsonl:622 and :636 (printed with 17 significant digits). */
    @Test
    void expAndLogDocumentedExamples() {
        double[] s = {1, 2, 3};
        assertSeries(new double[] {2.7182818284590451, 7.38905609893065, 20.085536923187668},
                SeriesElementwise.exp(s), 1e-15);
        assertSeries(new double[] {0.0, 0.69314718055994529, 1.0986122886681098}, SeriesElementwise.log(s), 0);
    }

    /** cases.jsonl:647. */
    @Test
    void signDocumentedExample() {
        assertSeries(new double[] {-1, 0, 1}, SeriesElementwise.sign(new double[] {-6, 0, 8}), 0);
    }

    /** cases.jsonl:643. */
    @Test
    void powDocumentedExample() {
        assertSeries(new double[] {1.0, 4.0, 27.0, 2.0},
                SeriesElementwise.pow(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 0.5}), 0);
    }

    /** The three rows of the {@code range x from 1 to 3 | project s1 = [x, 2x, 4x], s2 = [4x, 2x, x]} examples. */
    private static double[] s1(int x) {
        return new double[] {x, 2 * x, 4 * x};
    }

    private static double[] s2(int x) {
        return new double[] {4 * x, 2 * x, x};
    }

    /** cases.jsonl:612 (add), :651 (subtract), :638 (multiply), :618 (divide), each of three rows. */
    @Test
    void arithmeticDocumentedExamples() {
        double[][] add = {{5, 4, 5}, {10, 8, 10}, {15, 12, 15}};
        double[][] subtract = {{-3, 0, 3}, {-6, 0, 6}, {-9, 0, 9}};
        double[][] multiply = {{4, 4, 4}, {16, 16, 16}, {36, 36, 36}};
        for (int x = 1; x <= 3; x++) {
            assertSeries(add[x - 1], SeriesElementwise.add(s1(x), s2(x)), 0);
            assertSeries(subtract[x - 1], SeriesElementwise.subtract(s1(x), s2(x)), 0);
            assertSeries(multiply[x - 1], SeriesElementwise.multiply(s1(x), s2(x)), 0);
            assertSeries(new double[] {0.25, 1.0, 4.0}, SeriesElementwise.divide(s1(x), s2(x)), 0);
        }
    }

    /** cases.jsonl:621, :639, :631, :630, :635, :634: [1,2,4] against [4,2,1]. */
    @Test
    void comparisonDocumentedExamples() {
        double[] a = {1, 2, 4};
        double[] b = {4, 2, 1};
        assertSeries(new double[] {0, 1, 0}, SeriesElementwise.equals(a, b), 0);         // [false,true,false]
        assertSeries(new double[] {1, 0, 1}, SeriesElementwise.notEquals(a, b), 0);      // [true,false,true]
        assertSeries(new double[] {0, 0, 1}, SeriesElementwise.greater(a, b), 0);        // [false,false,true]
        assertSeries(new double[] {0, 1, 1}, SeriesElementwise.greaterEquals(a, b), 0);  // [false,true,true]
        assertSeries(new double[] {1, 0, 0}, SeriesElementwise.less(a, b), 0);           // [true,false,false]
        assertSeries(new double[] {1, 1, 0}, SeriesElementwise.lessEquals(a, b), 0);     // [true,true,false]
    }

    // --- reductions -------------------------------------------------------------------------------------------

    /** cases.jsonl:619 (two series) and :620 (series and scalar). */
    @Test
    void dotProductDocumentedExamples() {
        double[] bySeries = {12, 48, 108};
        double[] byScalar = {7, 28, 63};
        for (int x = 1; x <= 3; x++) {
            assertEquals(bySeries[x - 1], SeriesVectors.dotProduct(s1(x), s2(x)));
            assertEquals(byScalar[x - 1], SeriesVectors.dotProduct(s1(x), x));
        }
    }

    /** cases.jsonl:617 (printed with 15 significant digits). */
    @Test
    void cosineSimilarityDocumentedExample() {
        double[] s1 = {0.1, 0.2, 0.1, 0.2};
        assertEquals(0.99935343825504, SeriesVectors.cosineSimilarity(s1, new double[] {0.11, 0.2, 0.11, 0.21}),
                1e-14);
        assertEquals(0.923760430703401, SeriesVectors.cosineSimilarity(s1, new double[] {1, 2, 3, 4}), 1e-15);
    }

    /** cases.jsonl:18, series_cosine_similarity_fl: acos of the similarity of [0,1] and [sqrt 2, sqrt 2] is 45 degrees. */
    @Test
    void cosineSimilarityAngleDocumentedExample() {
        double similarity = SeriesVectors.cosineSimilarity(new double[] {0, 1}, new double[] {Math.sqrt(2),
            Math.sqrt(2)});
        assertEquals(45, Math.acos(similarity) / (2 * Math.PI) * 360, 1e-12);
    }

    /** cases.jsonl:640. */
    @Test
    void pearsonCorrelationDocumentedExample() {
        assertEquals(1.0, SeriesVectors.pearsonCorrelation(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 6, 8, 10}),
                1e-15);
    }

    /** cases.jsonl:637 (magnitude, 17 significant digits), :652 (sum), :644 (product). */
    @Test
    void magnitudeSumProductDocumentedExamples() {
        double[] arr = {1, 2, 3, 4};
        assertEquals(5.4772255750516612, SeriesVectors.magnitude(arr), 0);
        assertEquals(10, SeriesVectors.sum(arr));
        assertEquals(24, SeriesVectors.product(arr));
    }
}
