package dev.trawl.series;

import static dev.trawl.series.SeriesAssertions.assertSeries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The smaller functions' documented rules beyond the documented examples: nulls, lengths, scalars, edge cases. */
class SeriesFunctionsTest {
    private static final double N = Double.NaN;

    /** The docs' 5-point moving average: normalised by default, and centred keeps the peak in place. */
    @Test
    void firMovingAverageStreamingAndCentred() {
        double[] val = {0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 40, 100, 40, 20, 10, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] streaming = SeriesFilter.fir(val, new double[] {1, 1, 1, 1, 1});
        double[] centred = SeriesFilter.fir(val, new double[] {1, 1, 1, 1, 1}, true, true);
        assertEquals(14, argMax(streaming)); // shifted by (5 - 1) / 2 = 2 bins
        assertEquals(12, argMax(centred));
        assertEquals(44.0, centred[12], 1e-12); // (20 + 40 + 100 + 40 + 20) / 5
        assertEquals(44.0, streaming[14], 1e-12);
    }

    private static int argMax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The docs' change detection filter [1, -1]: negative coefficients turn normalisation off by default. */
    @Test
    void firDifferenceAndNormalisationRules() {
        assertSeries(new double[] {1, 1, 2, 3}, SeriesFilter.fir(new double[] {1, 2, 4, 7}, new double[] {1, -1}), 0);
        assertSeries(new double[] {N, N}, SeriesFilter.fir(new double[] {1, 2}, new double[] {1, -1}, true, false), 0);
        assertSeries(new double[] {2, 4, 8}, SeriesFilter.fir(new double[] {1, 2, 4}, new double[] {2}, false, false), 0);
        assertThrows(SeriesArgumentException.class, () -> SeriesFilter.fir(new double[3], new double[0]));
    }

    @Test
    void iirGeneralAndNormalisedByTheFirstDenominator() {
        // y[i] = (x[i] + 0.5 y[i-1]) / 2
        double[] y = SeriesFilter.iir(new double[] {4, 0, 0}, new double[] {1}, new double[] {2, -0.5});
        assertSeries(new double[] {2, 0.5, 0.125}, y, 1e-15);
        assertThrows(SeriesArgumentException.class,
                () -> SeriesFilter.iir(new double[3], new double[] {1}, new double[] {0, 1}));
    }

    /** A placeholder marks missing values like null does; a value that cannot be filled keeps what it was. */
    @Test
    void fillWithAPlaceholder() {
        assertSeries(new double[] {1, 1, 3, 3}, SeriesFill.forward(new double[] {1, -1, 3, -1}, -1), 0);
        assertSeries(new double[] {1, 3, 3, -1}, SeriesFill.backward(new double[] {1, -1, 3, -1}, -1), 0);
        assertSeries(new double[] {1, 2, 3, 3}, SeriesFill.linear(new double[] {1, 0, 3, 0}, 0, true, 0), 0);
        assertSeries(new double[] {1, 9, 9, 3}, SeriesFill.constant(new double[] {1, 0, N, 3}, 9, 0), 0);
        assertSeries(new double[] {-1, 1, 2, 3, -1}, SeriesFill.linear(new double[] {-1, 1, -1, 3, -1}, -1, false, 0),
                0);
        assertSeries(new double[] {N, 1, 1}, SeriesFill.forward(new double[] {N, 1, -1}, -1), 0);
    }

    @Test
    void elementwiseNullsLengthsAndScalars() {
        assertSeries(new double[] {2, N, 6, N}, SeriesElementwise.add(new double[] {1, N, 3, 4}, new double[] {1, 2, 3}),
                0);
        assertSeries(new double[] {11, 12}, SeriesElementwise.add(new double[] {1, 2}, 10), 0);
        assertSeries(new double[] {9, 8}, SeriesElementwise.subtract(10, new double[] {1, 2}), 0);
        assertSeries(new double[] {1, N, 0}, SeriesElementwise.greater(new double[] {2, N, 1}, 1.5), 0);
        assertSeries(new double[] {Double.POSITIVE_INFINITY}, SeriesElementwise.divide(new double[] {1}, 0), 0);
        assertSeries(new double[] {N, Double.NEGATIVE_INFINITY, 0}, SeriesElementwise.log(new double[] {-1, 0, 1}), 0);
        assertSeries(new double[] {N, 0}, SeriesElementwise.sign(new double[] {N, -0.0}), 0);
        assertEquals(0, Double.compare(0.0, SeriesElementwise.sign(new double[] {-0.0})[0]), "sign(-0) prints as 0");
    }

    @Test
    void reductionsNullsAndLengths() {
        assertEquals(5, SeriesVectors.dotProduct(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertEquals(1, SeriesVectors.dotProduct(new double[] {1, N}, new double[] {1, 2}));
        assertTrue(Double.isNaN(SeriesVectors.dotProduct(new double[0], new double[] {1})));
        assertTrue(Double.isNaN(SeriesVectors.pearsonCorrelation(new double[] {1, 2, 3}, new double[] {1, 2})));
        assertTrue(Double.isNaN(SeriesVectors.pearsonCorrelation(new double[] {1, N, 3}, new double[] {1, 2, 3})));
        assertEquals(-1.0, SeriesVectors.pearsonCorrelation(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
        assertEquals(1.0, SeriesVectors.cosineSimilarity(new double[] {1, 2}, new double[] {2, 4}), 1e-15);
        assertEquals(0.5, SeriesVectors.cosineSimilarity(new double[] {1, 2}, new double[] {2, 4}, 2 * Math.sqrt(5),
                Math.sqrt(20)), 1e-15);
        assertEquals(0, SeriesVectors.sum(new double[0]));
        assertEquals(1, SeriesVectors.product(new double[0]));
        assertEquals(6, SeriesVectors.sum(new double[] {1, N, 5}));
    }

    @Test
    void statsWithAndWithoutIgnoringNonFiniteValues() {
        double[] x = {3, N, 1, Double.POSITIVE_INFINITY, 5};
        SeriesStats.Stats strict = SeriesStats.stats(x);
        assertTrue(Double.isNaN(strict.min()));
        assertEquals(-1, strict.minIdx());
        SeriesStats.Stats ignoring = SeriesStats.stats(x, true);
        assertEquals(1, ignoring.min());
        assertEquals(2, ignoring.minIdx());
        assertEquals(5, ignoring.max());
        assertEquals(4, ignoring.maxIdx());
        assertEquals(3, ignoring.avg(), 1e-15);
        assertEquals(4, ignoring.variance(), 1e-15);
        assertEquals(3, ignoring.len());
        assertEquals(0, SeriesStats.stats(new double[0]).len());
    }

    @Test
    void seasonalPeriodArgument() {
        double[] x = {1, 3, 5, 1, 3, 5, 2, 4, 6};
        assertSeries(new double[9], SeriesSeasonal.seasonal(x, 0), 0);
        assertSeries(new double[9], SeriesSeasonal.seasonal(x, -5), 0);
        // A phase with only nulls gets 0; nulls elsewhere are skipped.
        assertSeries(new double[] {0, 3, 5, 0, 3, 5}, SeriesSeasonal.seasonal(new double[] {N, 3, 5, N, N, 5}, 3), 0);
        // A period longer than the series: each point is its own phase.
        assertSeries(new double[] {1, 2}, SeriesSeasonal.seasonal(new double[] {1, 2}, 5), 0);
    }
}
