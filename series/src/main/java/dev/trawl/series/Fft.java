package dev.trawl.series;

/**
 * Discrete Fourier transforms: an in-place iterative radix-2 FFT for power-of-two lengths, and Bluestein's chirp-z
 * algorithm (a power-of-two convolution) for every other length, so any length costs O(n log n).
 * Sign convention: forward X[k] = sum x[j] e^(-2 pi i jk/n), inverse with +i; neither scales (callers divide by n).
 */
final class Fft {
    private static final int MAX_LOG2 = 30;
    /** cos(2 pi k / 2^b) and sin(...) for k < 2^(b-1), per log2 size b; immutable once built. */
    private static final double[][] COS = new double[MAX_LOG2 + 1][];
    private static final double[][] SIN = new double[MAX_LOG2 + 1][];

    private Fft() {
    }

    static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /** The smallest power of two that is at least {@code n} (1 for n <= 1). */
    static int nextPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    private static synchronized void buildTables(int log2) {
        if (COS[log2] != null) {
            return;
        }
        int n = 1 << log2;
        int half = Math.max(1, n / 2);
        double[] cos = new double[half];
        double[] sin = new double[half];
        for (int k = 0; k < half; k++) {
            // Computed directly (not by recurrence) so that every twiddle is correctly rounded.
            double angle = 2 * Math.PI * k / n;
            cos[k] = Math.cos(angle);
            sin[k] = Math.sin(angle);
        }
        SIN[log2] = sin;
        COS[log2] = cos; // published last; readers test COS
    }

    /**
     * Transforms {@code re[0, n)}, {@code im[0, n)} in place; {@code n} must be a power of two.
     *
     * @param inverse false for the forward transform (e^-i), true for the unscaled inverse (e^+i)
     */
    static void powerOfTwo(double[] re, double[] im, int n, boolean inverse) {
        if (n <= 1) {
            return;
        }
        int log2 = Integer.numberOfTrailingZeros(n);
        double[] cos = COS[log2];
        if (cos == null) {
            buildTables(log2);
            cos = COS[log2];
        }
        double[] sin = SIN[log2];
        bitReversePermute(re, im, n, log2);
        // len = 2: the twiddle is 1.
        for (int i = 0; i < n; i += 2) {
            double ar = re[i];
            double ai = im[i];
            double br = re[i + 1];
            double bi = im[i + 1];
            re[i] = ar + br;
            im[i] = ai + bi;
            re[i + 1] = ar - br;
            im[i + 1] = ai - bi;
        }
        double sign = inverse ? 1.0 : -1.0;
        for (int len = 4; len <= n; len <<= 1) {
            int half = len >>> 1;
            int step = n / len;
            for (int j = 0; j < half; j++) {
                double wr = cos[j * step];
                double wi = sign * sin[j * step];
                for (int i = j; i < n; i += len) {
                    int k = i + half;
                    double br = re[k];
                    double bi = im[k];
                    double tr = wr * br - wi * bi;
                    double ti = wr * bi + wi * br;
                    double ar = re[i];
                    double ai = im[i];
                    re[k] = ar - tr;
                    im[k] = ai - ti;
                    re[i] = ar + tr;
                    im[i] = ai + ti;
                }
            }
        }
    }

    private static void bitReversePermute(double[] re, double[] im, int n, int log2) {
        int shift = 32 - log2;
        for (int i = 0; i < n; i++) {
            int j = Integer.reverse(i) >>> shift;
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
    }

    /**
     * Transforms arrays of any length into new arrays (index 0 real, 1 imaginary); the inputs are not modified.
     */
    static double[][] anyLength(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        double[] outRe = re.clone();
        double[] outIm = im.clone();
        if (isPowerOfTwo(n) || n <= 1) {
            powerOfTwo(outRe, outIm, n, inverse);
            return new double[][] {outRe, outIm};
        }
        // Bluestein: jk = (j^2 + k^2 - (k-j)^2) / 2 turns the DFT into a convolution with the chirp
        // w[m] = e^(-/+ i pi m^2 / n), done with power-of-two FFTs of length >= 2n - 1.
        double sign = inverse ? 1.0 : -1.0;
        double[] chirpCos = new double[n];
        double[] chirpSin = new double[n];
        long twiceN = 2L * n;
        for (int k = 0; k < n; k++) {
            // k^2 mod 2n keeps the angle small, hence accurate, for long series.
            long square = ((long) k * k) % twiceN;
            double angle = Math.PI * square / n;
            chirpCos[k] = Math.cos(angle);
            chirpSin[k] = sign * Math.sin(angle);
        }
        int m = nextPowerOfTwo(2 * n - 1);
        double[] aRe = new double[m];
        double[] aIm = new double[m];
        for (int k = 0; k < n; k++) {
            // a[k] = x[k] * w[k]
            aRe[k] = re[k] * chirpCos[k] - im[k] * chirpSin[k];
            aIm[k] = re[k] * chirpSin[k] + im[k] * chirpCos[k];
        }
        double[] bRe = new double[m];
        double[] bIm = new double[m];
        bRe[0] = chirpCos[0];
        bIm[0] = -chirpSin[0];
        for (int k = 1; k < n; k++) {
            // b[k] = b[-k] = conj(w[k])
            bRe[k] = chirpCos[k];
            bIm[k] = -chirpSin[k];
            bRe[m - k] = chirpCos[k];
            bIm[m - k] = -chirpSin[k];
        }
        powerOfTwo(aRe, aIm, m, false);
        powerOfTwo(bRe, bIm, m, false);
        for (int k = 0; k < m; k++) {
            double r = aRe[k] * bRe[k] - aIm[k] * bIm[k];
            double i = aRe[k] * bIm[k] + aIm[k] * bRe[k];
            aRe[k] = r;
            aIm[k] = i;
        }
        powerOfTwo(aRe, aIm, m, true);
        for (int k = 0; k < n; k++) {
            double cr = aRe[k] / m;
            double ci = aIm[k] / m;
            outRe[k] = cr * chirpCos[k] - ci * chirpSin[k];
            outIm[k] = cr * chirpSin[k] + ci * chirpCos[k];
        }
        return new double[][] {outRe, outIm};
    }
}
