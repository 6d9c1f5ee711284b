package dev.trawl.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Selection-based percentiles and medians against the sort-based definitions. */
class PercentilesTest {
    private static double sortedLinear(double[] sorted, double percent) {
        double rank = percent / 100 * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        if (lower + 1 >= sorted.length) {
            return sorted[lower];
        }
        return sorted[lower] + (rank - lower) * (sorted[lower + 1] - sorted[lower]);
    }

    @Test
    void matchesTheSortedDefinitionOnRandomArraysWithTies() {
        Random random = new Random(42);
        double[] pair = new double[2];
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + random.nextInt(trial % 10 == 0 ? 2000 : 60);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextGaussian() * 10;
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double low = 2 + random.nextDouble() * 48;
            double high = low + random.nextDouble() * (98 - low);
            assertEquals(sortedLinear(sorted, low), Percentiles.linear(values.clone(), n, low), 1e-9);
            Percentiles.linearPair(values.clone(), n, low, high, pair);
            assertEquals(sortedLinear(sorted, low), pair[0], 1e-9, "low");
            assertEquals(sortedLinear(sorted, high), pair[1], 1e-9, "high");
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            assertEquals(median, Percentiles.median(values.clone(), n), 0);
        }
    }

    @Test
    void adversarialOrdersStayCorrect() {
        int n = 5000;
        double[] ascending = new double[n];
        double[] organPipe = new double[n];
        for (int i = 0; i < n; i++) {
            ascending[i] = i;
            organPipe[i] = Math.min(i, n - 1 - i);
        }
        for (double[] values : new double[][] {ascending, organPipe, new double[n]}) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double p : new double[] {2, 10, 25, 50, 75, 90, 98}) {
                assertEquals(sortedLinear(sorted, p), Percentiles.linear(values.clone(), n, p), 1e-9);
            }
        }
    }
}
