package dev.trawl.series;

/**
 * Batcher's odd-even merge sorting networks for up to {@link #MAX_SIZE} elements, applied to many columns at once:
 * a matrix of {@code size} rows is sorted down each column by comparing and exchanging whole rows, a branch-free
 * loop over contiguous memory that the JIT can vectorise. {@link SeriesSeasonal} uses it to take the median of
 * every phase of a series in one pass, the rows being the periods and the columns the phases.
 */
final class SortingNetwork {
    static final int MAX_SIZE = 32;
    /** Per row count m, the network's comparators as pairs (low row, high row), flattened. */
    private static final int[][] NETWORKS = new int[MAX_SIZE + 1][];

    private SortingNetwork() {
    }

    private static synchronized int[] network(int size) {
        int[] network = NETWORKS[size];
        if (network != null) {
            return network;
        }
        int padded = Fft.nextPowerOfTwo(size);
        int[] pairs = new int[2 * padded * padded];
        int count = 0;
        for (int p = 1; p < padded; p <<= 1) {
            for (int k = p; k >= 1; k >>= 1) {
                for (int j = k % p; j + k < padded; j += 2 * k) {
                    for (int i = 0; i < Math.min(k, padded - j - k); i++) {
                        int low = i + j;
                        int high = i + j + k;
                        // Rows at or beyond size are +infinity padding: a comparator that touches one changes nothing.
                        if (low / (2 * p) == high / (2 * p) && high < size) {
                            pairs[count++] = low;
                            pairs[count++] = high;
                        }
                    }
                }
            }
        }
        network = java.util.Arrays.copyOf(pairs, count);
        NETWORKS[size] = network;
        return network;
    }

    /**
     * Sorts each of the {@code columns} columns of {@code matrix} (row-major, {@code rows} rows) ascending. The
     * values must not be NaN (use +infinity for "no value", which sorts last).
     */
    static void sortColumns(double[] matrix, int rows, int columns) {
        int[] pairs = network(rows);
        for (int c = 0; c < pairs.length; c += 2) {
            int low = pairs[c] * columns;
            int high = pairs[c + 1] * columns;
            for (int column = 0; column < columns; column++) {
                double a = matrix[low + column];
                double b = matrix[high + column];
                matrix[low + column] = Math.min(a, b);
                matrix[high + column] = Math.max(a, b);
            }
        }
    }
}
