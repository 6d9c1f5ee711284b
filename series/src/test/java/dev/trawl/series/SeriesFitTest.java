package dev.trawl.series;

import static dev.trawl.series.SeriesAssertions.assertSeries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Line fits beyond the documented example: two segments, nulls, degenerate series. */
class SeriesFitTest {
    @Test
    void twoLinesFindTheBreakOfABrokenLine() {
        // Rising 2 per step up to index 9, then a jump and falling 3 per step: the right segment starts at 10.
        // (A continuous broken line would be ambiguous: its vertex fits both lines.)
        double[] y = new double[25];
        for (int i = 0; i < y.length; i++) {
            y[i] = i < 10 ? 1 + 2 * i : 50 - 3 * (i - 10);
        }
        TwoLineFit fit = SeriesFit.twoLines(y);
        assertEquals(10, fit.splitIdx());
        assertEquals(1.0, fit.rsquare(), 1e-12);
        assertEquals(0.0, fit.rvariance(), 1e-12);
        assertEquals(2.0, fit.leftSlope(), 1e-12);
        assertEquals(-1.0, fit.leftInterception(), 1e-12); // y = 2x - 1 at x = 1..10
        assertEquals(-3.0, fit.rightSlope(), 1e-12);
        assertEquals(53.0, fit.rightInterception(), 1e-12); // the right segment's own x = 1 is y = 50
        assertSeries(y, fit.lineFit(), 1e-12);
        assertEquals(SeriesFit.line(y).variance(), fit.variance(), 1e-12);
        assertEquals(SeriesFit.line(java.util.Arrays.copyOf(y, 10)).variance(), fit.leftVariance(), 1e-12);
    }

    /** The split search (prefix sums) picks the split a brute-force search over every split picks. */
    @Test
    void twoLinesSplitIsTheBruteForceBest() {
        Random random = new Random(12);
        for (int trial = 0; trial < 300; trial++) {
            int n = 4 + random.nextInt(60);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = random.nextGaussian() * 3 + (i > n / 2 ? 0.5 * i : -0.2 * i);
            }
            TwoLineFit fit = SeriesFit.twoLines(y);
            double best = Double.POSITIVE_INFINITY;
            int bestSplit = -1;
            for (int split = 2; split <= n - 2; split++) {
                LineFit left = SeriesFit.line(java.util.Arrays.copyOf(y, split));
                LineFit right = SeriesFit.line(java.util.Arrays.copyOfRange(y, split, n));
                double error = left.rvariance() * (split - 1) + right.rvariance() * (n - split - 1);
                if (error < best - 1e-9) {
                    best = error;
                    bestSplit = split;
                }
            }
            assertEquals(bestSplit, fit.splitIdx(), "trial " + trial);
        }
    }

    @Test
    void nullsAreLeftOutOfTheFitButGetAFittedValue() {
        double[] y = {1, 3, Double.NaN, 7, 9};
        LineFit fit = SeriesFit.line(y);
        assertEquals(2.0, fit.slope(), 1e-12);
        assertEquals(-1.0, fit.interception(), 1e-12);
        assertEquals(1.0, fit.rsquare(), 1e-12);
        assertSeries(new double[] {1, 3, 5, 7, 9}, fit.lineFit(), 1e-12);
    }

    @Test
    void degenerateSeries() {
        LineFit constant = SeriesFit.line(new double[] {4, 4, 4});
        assertEquals(0.0, constant.slope());
        assertEquals(1.0, constant.rsquare());
        assertEquals(0.0, constant.variance());
        LineFit single = SeriesFit.line(new double[] {4});
        assertTrue(Double.isNaN(single.variance()));
        assertEquals(4.0, single.lineFit()[0]);
        LineFit empty = SeriesFit.line(new double[0]);
        assertTrue(Double.isNaN(empty.slope()));
        TwoLineFit tooShort = SeriesFit.twoLines(new double[] {1, 2, 3});
        assertEquals(-1, tooShort.splitIdx());
        assertTrue(Double.isNaN(tooShort.rsquare()));
    }
}
