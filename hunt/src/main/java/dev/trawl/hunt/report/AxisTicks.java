package dev.trawl.hunt.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Where an axis puts its ticks: round values and whole UTC hours or days, so a reader can interpolate. */
final class AxisTicks {
    /** Steps a time axis may take, shortest first; each divides a day or is whole days, so ticks align in UTC. */
    private static final Duration[] TIME_STEPS = {
        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
        Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
        Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(28),
        Duration.ofDays(91), Duration.ofDays(182), Duration.ofDays(364)
    };

    private AxisTicks() {
    }

    /** A value range widened to round tick values, and the ticks in it. */
    record ValueAxis(double low, double high, double step, List<Double> ticks) {
    }

    /** Round ticks covering [min, max], about {@code target} of them; a flat range is widened so it has height. */
    static ValueAxis values(double min, double max, int target) {
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / Math.max(1, target));
        double low = Math.floor(min / step) * step;
        double high = Math.ceil(max / step) * step;
        List<Double> ticks = new ArrayList<>();
        // Counting in steps rather than adding them keeps 0.1 + 0.2 drift out of the labels.
        long first = Math.round(low / step);
        long last = Math.round(high / step);
        for (long k = first; k <= last; k++) {
            ticks.add(k * step);
        }
        return new ValueAxis(low, high, step, List.copyOf(ticks));
    }

    /**
     * 1, 2 or 5 times a power of ten, the one nearest {@code raw} on a log scale. Nearest rather than the next larger
     * one: a series just below 0 (a band's lower edge) would otherwise drag the axis a whole coarse step down.
     */
    static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double best = power;
        for (double multiple : new double[] {1, 2, 5, 10}) {
            if (Math.abs(Math.log(multiple * power / raw)) < Math.abs(Math.log(best / raw))) {
                best = multiple * power;
            }
        }
        return best;
    }

    /** The time step that puts at most {@code maxTicks} ticks on [start, end]. */
    static Duration timeStep(Instant start, Instant end, int maxTicks) {
        long span = Math.max(1, Duration.between(start, end).getSeconds());
        for (Duration step : TIME_STEPS) {
            if (span / step.getSeconds() + 1 <= maxTicks) {
                return step;
            }
        }
        return TIME_STEPS[TIME_STEPS.length - 1];
    }

    /**
     * Ticks within [start, end]: a step that divides a day falls on its multiples since the Unix epoch (whole UTC
     * hours); a step of several days counts from the first UTC midnight, so the first day is labelled rather than
     * whichever day the epoch's rhythm picks.
     */
    static List<Instant> times(Instant start, Instant end, Duration step) {
        long seconds = step.getSeconds();
        long day = Duration.ofDays(1).getSeconds();
        long alignment = seconds <= day && day % seconds == 0 ? seconds : day;
        long from = start.getEpochSecond() + (start.getNano() > 0 ? 1 : 0);
        long first = Math.floorDiv(from + alignment - 1, alignment) * alignment;
        List<Instant> ticks = new ArrayList<>();
        for (long t = first; !Instant.ofEpochSecond(t).isAfter(end); t += seconds) {
            ticks.add(Instant.ofEpochSecond(t));
        }
        return List.copyOf(ticks);
    }
}
