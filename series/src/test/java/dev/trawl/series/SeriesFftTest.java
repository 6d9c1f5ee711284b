package dev.trawl.series;

import static dev.trawl.series.SeriesAssertions.assertSeries;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The transforms against a direct DFT for every length up to 70 and a few long ones, and the round trip. */
class SeriesFftTest {
    private static ComplexSeries directDft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        double sign = inverse ? 1 : -1;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double angle = sign * 2 * Math.PI * (((long) j * k) % n) / n;
                outRe[k] += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
                outIm[k] += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
            }
        }
        return new ComplexSeries(outRe, outIm);
    }

    @Test
    void matchesTheDirectTransformAtEveryLength() {
        Random random = new Random(8);
        int[] lengths = new int[75];
        for (int i = 0; i < 71; i++) {
            lengths[i] = i;
        }
        lengths[71] = 336;
        lengths[72] = 1000;
        lengths[73] = 1024;
        lengths[74] = 997; // prime
        for (int n : lengths) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = random.nextGaussian();
                im[i] = random.nextGaussian();
            }
            ComplexSeries expected = directDft(re, im, false);
            ComplexSeries actual = SeriesFft.fft(re, im);
            double tolerance = 1e-9 * Math.max(1, n);
            assertSeries(expected.real(), actual.real(), tolerance);
            assertSeries(expected.imaginary(), actual.imaginary(), tolerance);
            ComplexSeries back = SeriesFft.ifft(actual.real(), actual.imaginary());
            assertSeries(re, back.real(), 1e-9);
            assertSeries(im, back.imaginary(), 1e-9);
        }
    }

    /** numpy.fft.fft([1, 2, 3, 4, 5]) and of a real series of even length, as a reference point. */
    @Test
    void knownValues() {
        ComplexSeries five = SeriesFft.fft(new double[] {1, 2, 3, 4, 5});
        assertSeries(new double[] {15, -2.5, -2.5, -2.5, -2.5}, five.real(), 1e-12);
        assertSeries(new double[] {0, 3.4409548011779334, 0.8122992405822659, -0.8122992405822659,
            -3.4409548011779334}, five.imaginary(), 1e-12);
        ComplexSeries six = SeriesFft.fft(new double[] {1, 0, -1, 0, 2, 3});
        assertSeries(new double[] {5, 2, -1, -1, -1, 2}, six.real(), 1e-12);
        assertSeries(new double[] {0, 5.196152422706632, 0, 0, 0, -5.196152422706632}, six.imaginary(), 1e-12);
    }

    /** The docs' example: a sine of period 8 (real) and 32 (imaginary), 128 points, has energy at bins 16 and 4. */
    @Test
    void sinesTransformToTheirFrequencies() {
        int n = 128;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int x = 0; x < n; x++) {
            re[x] = Math.sin(2 * Math.PI / 8 * x);
            im[x] = Math.sin(2 * Math.PI / 32 * x);
        }
        ComplexSeries f = SeriesFft.fft(re, im);
        for (int k = 0; k < n; k++) {
            double magnitude = Math.hypot(f.real()[k], f.imaginary()[k]);
            boolean expected = k == 16 || k == n - 16 || k == 4 || k == n - 4;
            org.junit.jupiter.api.Assertions.assertEquals(expected ? 64 : 0, magnitude, 1e-9, "bin " + k);
        }
    }

    @Test
    void partsMustHaveTheSameLength() {
        assertThrows(SeriesArgumentException.class, () -> SeriesFft.fft(new double[3], new double[2]));
    }
}
