package dev.trawl.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The column-wise sorting networks, and the phase medians built on them, against plain sorting. */
class SortingNetworkTest {
    @Test
    void sortsEveryColumnForEverySize() {
        Random random = new Random(13);
        for (int rows = 1; rows <= SortingNetwork.MAX_SIZE; rows++) {
            for (int trial = 0; trial < 20; trial++) {
                int columns = 1 + random.nextInt(30);
                double[] matrix = new double[rows * columns];
                for (int i = 0; i < matrix.length; i++) {
                    matrix[i] = random.nextInt(3) == 0 ? Double.POSITIVE_INFINITY : random.nextInt(10);
                }
                double[] sorted = matrix.clone();
                SortingNetwork.sortColumns(sorted, rows, columns);
                for (int c = 0; c < columns; c++) {
                    double[] column = new double[rows];
                    for (int r = 0; r < rows; r++) {
                        column[r] = matrix[r * columns + c];
                    }
                    Arrays.sort(column);
                    for (int r = 0; r < rows; r++) {
                        assertEquals(column[r], sorted[r * columns + c], "rows " + rows + " column " + c);
                    }
                }
            }
        }
    }

    @Test
    void phaseMediansMatchTheDefinitionWithNullsAndPartialPeriods() {
        Random random = new Random(14);
        SeriesWorkspace workspace = new SeriesWorkspace();
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(200);
            int training = random.nextInt(n + 1);
            int period = 1 + random.nextInt(Math.max(1, n));
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextInt(8) == 0 ? Double.NaN : random.nextInt(20);
            }
            double[] out = new double[n];
            SeriesSeasonal.phaseMedians(x, n, training, period, workspace, out);
            for (int i = 0; i < n; i++) {
                int phase = i % period;
                double[] values = new double[n];
                int count = 0;
                for (int j = phase; j < training; j += period) {
                    if (!Double.isNaN(x[j])) {
                        values[count++] = x[j];
                    }
                }
                Arrays.sort(values, 0, count);
                double expected = count == 0 ? 0 : (values[(count - 1) / 2] + values[count / 2]) / 2;
                assertEquals(expected, out[i], "trial " + trial + " index " + i);
            }
        }
    }
}
