package dev.trawl.series;

import java.util.Arrays;

/**
 * Order statistics by partial sorting (selection), so that a percentile of n values costs O(n), not a sort.
 * Every method rearranges the first {@code count} elements of the array it is given; callers pass a copy.
 */
final class Percentiles {
    private static final int INSERTION_SORT_LIMIT = 16;

    private Percentiles() {
    }

    /**
     * The percentile with linear interpolation between closest ranks: rank = p/100 * (count - 1), as numpy's
     * default ("type 7") computes it; semantics §1.2 verified this rule against the only real-cluster output of
     * {@code series_outliers}. NaN when {@code count} is 0. The values must not contain NaN.
     */
    static double linear(double[] values, int count, double percent) {
        if (count == 0) {
            return Double.NaN;
        }
        double rank = percent / 100.0 * (count - 1);
        int lower = (int) Math.floor(rank);
        double fraction = rank - lower;
        select(values, 0, count, lower);
        double low = values[lower];
        if (fraction == 0 || lower + 1 >= count) {
            return low;
        }
        double high = minimum(values, lower + 1, count);
        // numpy's lerp: interpolate from the nearer end, which keeps the result monotone and exact at the ends.
        double difference = high - low;
        return fraction >= 0.5 ? high - difference * (1 - fraction) : low + difference * fraction;
    }

    /**
     * Two linear percentiles of the same values, {@code lowPercent <= highPercent}; the result goes into
     * {@code out[0]} and {@code out[1]}. Cheaper than two calls because the second selection only searches the part
     * above the first.
     */
    static void linearPair(double[] values, int count, double lowPercent, double highPercent, double[] out) {
        if (count == 0) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return;
        }
        double lowRank = lowPercent / 100.0 * (count - 1);
        double highRank = highPercent / 100.0 * (count - 1);
        int lowIndex = (int) Math.floor(lowRank);
        int highIndex = (int) Math.floor(highRank);
        select(values, 0, count, lowIndex);
        // values[lowIndex + 1 ..] are all >= values[lowIndex]; the high rank lies in that part (or at lowIndex).
        if (highIndex > lowIndex) {
            select(values, lowIndex + 1, count, highIndex);
        }
        out[0] = interpolate(values, count, lowIndex, lowRank - lowIndex, highIndex);
        out[1] = interpolate(values, count, highIndex, highRank - highIndex, count);
    }

    private static double interpolate(double[] values, int count, int index, double fraction, int nextSelected) {
        double low = values[index];
        if (fraction == 0 || index + 1 >= count) {
            return low;
        }
        // The next order statistic is the minimum of everything above index; if a later selection put an order
        // statistic at nextSelected (> index), nothing between them is larger, so the search can stop there.
        int end = nextSelected > index && nextSelected < count ? nextSelected + 1 : count;
        double high = minimum(values, index + 1, end);
        double difference = high - low;
        return fraction >= 0.5 ? high - difference * (1 - fraction) : low + difference * fraction;
    }

    /** The median (mean of the two middle values for an even count); NaN when {@code count} is 0. */
    static double median(double[] values, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        if (count <= INSERTION_SORT_LIMIT) {
            insertionSort(values, 0, count);
            int middle = count >>> 1;
            return (count & 1) == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
        int middle = count >>> 1;
        select(values, 0, count, middle);
        if ((count & 1) == 1) {
            return values[middle];
        }
        return (maximum(values, 0, middle) + values[middle]) / 2;
    }

    private static double minimum(double[] values, int from, int to) {
        double min = values[from];
        for (int i = from + 1; i < to; i++) {
            if (values[i] < min) {
                min = values[i];
            }
        }
        return min;
    }

    private static double maximum(double[] values, int from, int to) {
        double max = values[from];
        for (int i = from + 1; i < to; i++) {
            if (values[i] > max) {
                max = values[i];
            }
        }
        return max;
    }

    /**
     * Rearranges {@code values[from, to)} so that {@code values[k]} holds the value a full sort would put there,
     * with nothing larger before it and nothing smaller after it. Quickselect with a median-of-three pivot and a
     * branch-free partition (the element always moves, only the boundary's advance depends on the comparison, so
     * unpredictable data costs no mispredicted branches); after too many unlucky rounds (many equal values, say)
     * it sorts what remains, so the worst case is O(n log n).
     */
    static void select(double[] values, int from, int to, int k) {
        int left = from;
        int right = to - 1;
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, to - from)));
        while (right - left >= INSERTION_SORT_LIMIT) {
            if (--rounds < 0) {
                Arrays.sort(values, left, right + 1);
                return;
            }
            int middle = (left + right) >>> 1;
            // Median of three: smallest to values[left], largest to values[right], the median to values[middle].
            if (values[middle] < values[left]) {
                swap(values, middle, left);
            }
            if (values[right] < values[left]) {
                swap(values, right, left);
            }
            if (values[right] < values[middle]) {
                swap(values, right, middle);
            }
            double pivot = values[middle];
            // values[left] <= pivot and values[right] >= pivot already; partition the open range between them,
            // with the pivot parked at right - 1.
            swap(values, middle, right - 1);
            int store = left + 1;
            for (int i = left + 1; i < right - 1; i++) {
                double v = values[i];
                values[i] = values[store];
                values[store] = v;
                store += v < pivot ? 1 : 0;
            }
            swap(values, store, right - 1);
            // Now values[left, store) < pivot (values[left] <= pivot), values[store] == pivot, the rest >= pivot.
            if (k < store) {
                right = store - 1;
            } else if (k > store) {
                left = store + 1;
            } else {
                return;
            }
        }
        insertionSort(values, left, right + 1);
    }

    private static void insertionSort(double[] values, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            double value = values[i];
            int j = i - 1;
            while (j >= from && values[j] > value) {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = value;
        }
    }

    private static void swap(double[] values, int i, int j) {
        double t = values[i];
        values[i] = values[j];
        values[j] = t;
    }
}
