package dev.trawl.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparisons of whole series, with NaN standing for null. */
final class SeriesAssertions {
    private SeriesAssertions() {
    }

    /** Every element within {@code tolerance}; NaN must meet NaN. */
    static void assertSeries(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), "element " + i + ": expected null, got " + actual[i]);
            } else {
                assertEquals(expected[i], actual[i], tolerance, "element " + i);
            }
        }
    }
}
