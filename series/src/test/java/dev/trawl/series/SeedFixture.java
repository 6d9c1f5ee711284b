package dev.trawl.series;

import java.util.Random;

/**
 * Fourteen days of hourly mailbox-access counts (336 integers) as the seed rule's make-series sees them: a daily
 * office-hours cycle, a slight upward drift of 0.01 per hour, uniform jitter of +-3, and one spike of +80 at index
 * {@link #SPIKE_INDEX} (day 8, 13:00).
 */
public final class SeedFixture {
    public static final int HOURS = 14 * 24;
    public static final int SPIKE_INDEX = 8 * 24 + 13;

    private SeedFixture() {
    }

    /** The fixture with jitter from {@code seed}; seed 0 is the one the tests pin. */
    public static double[] hourlyCounts(long seed) {
        Random random = new Random(seed);
        double[] x = new double[HOURS];
        for (int i = 0; i < HOURS; i++) {
            int hour = i % 24;
            // Office hours: low at night, a ramp from 07:00, a plateau, an evening tail.
            double cycle = hour < 7 ? 4 : hour < 10 ? 4 + (hour - 6) * 12 : hour < 18 ? 50 : hour < 21 ? 30 : 10;
            x[i] = Math.round(cycle + 0.01 * i + (random.nextDouble() * 6 - 3));
        }
        x[SPIKE_INDEX] += 80;
        return x;
    }
}
