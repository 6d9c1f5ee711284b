package dev.trawl.series;

import java.util.Objects;

/**
 * {@code series_fft} and {@code series_ifft}: the discrete Fourier transform of a real or complex series of any
 * length, and its inverse.
 *
 * <p>Docs ({@code series-fft-function.md}, {@code series-ifft-function.md}): the input is the real part and an
 * optional imaginary part; the result is two series, real and imaginary. The docs give no numbers, only a
 * transform-then-invert round trip; the conventions here are numpy's, which that round trip requires: the forward
 * transform is unscaled with e^(-2 pi i jk/n), the inverse uses e^(+2 pi i jk/n) and divides by n. Lengths that are
 * not powers of two are transformed exactly (Bluestein's algorithm), not padded. A NaN (null) element makes every
 * output element NaN, as any arithmetic with null does.
 */
public final class SeriesFft {
    private SeriesFft() {
    }

    /** {@code series_fft(x_real)}: the transform of a real series. */
    public static ComplexSeries fft(double[] real) {
        return fft(real, null);
    }

    /**
     * {@code series_fft(x_real, x_imaginary)}.
     *
     * @param imaginary the imaginary part, or null for a real series
     * @throws SeriesArgumentException if the parts differ in length
     */
    public static ComplexSeries fft(double[] real, double[] imaginary) {
        return transform(real, imaginary, false);
    }

    /** {@code series_ifft(fft_real)}: the inverse transform of a series with no imaginary part. */
    public static ComplexSeries ifft(double[] real) {
        return ifft(real, null);
    }

    /**
     * {@code series_ifft(fft_real, fft_imaginary)}, scaled by 1/n so that {@code ifft(fft(x)) == x}.
     *
     * @param imaginary the imaginary part, or null when it is all zero
     * @throws SeriesArgumentException if the parts differ in length
     */
    public static ComplexSeries ifft(double[] real, double[] imaginary) {
        ComplexSeries result = transform(real, imaginary, true);
        int n = real.length;
        double[] re = result.real();
        double[] im = result.imaginary();
        for (int k = 0; k < n; k++) {
            re[k] /= n;
            im[k] /= n;
        }
        return result;
    }

    private static ComplexSeries transform(double[] real, double[] imaginary, boolean inverse) {
        Objects.requireNonNull(real, "real");
        double[] im = imaginary == null ? new double[real.length] : imaginary;
        if (im.length != real.length) {
            throw new SeriesArgumentException(inverse ? "fft_imaginary" : "x_imaginary",
                    "has " + im.length + " elements but the real part has " + real.length);
        }
        double[][] out = Fft.anyLength(real, im, inverse);
        return new ComplexSeries(out[0], out[1]);
    }
}
