package dev.trawl.series;

import java.util.Objects;

/**
 * A complex series as Kusto's {@code series_fft}/{@code series_ifft} return it: two arrays of equal length, the real
 * and the imaginary parts.
 */
public record ComplexSeries(double[] real, double[] imaginary) {
    /** Checks that both parts are present and of the same length. */
    public ComplexSeries {
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(imaginary, "imaginary");
        if (real.length != imaginary.length) {
            throw new IllegalArgumentException("real and imaginary parts differ in length: " + real.length + " vs "
                    + imaginary.length);
        }
    }
}
