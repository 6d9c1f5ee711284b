package dev.trawl.series;

/**
 * Discrete Fourier transforms: an in-place iterative radix-2 FFT for power-of-two lengths, and Bluestein's chirp-z
 * algorithm (a power-of-two convolution) for every other length, so any length costs O(n log n).
 * Sign convention: forward X[k] = sum x[j] e^(-2 pi i jk/n), inverse with +i; neither scales (callers divide by n).
 */
final class Fft {
    private static final int MAX_LOG2 = 30;
    /**
     * Per log2 size b, the twiddles of every stage laid out by stage: entries [h, 2h) hold cos and sin of
     * 2 pi j / (2h) for j < h, the stage whose butterflies span 2h points. Contiguous per stage, so the butterfly
     * loop reads them in order. Immutable once built.
     */
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
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int half = 1; half < n; half <<= 1) {
            for (int j = 0; j < half; j++) {
                // Computed directly (not by recurrence) so that every twiddle is correctly rounded.
                double angle = Math.PI * j / half;
                cos[half + j] = Math.cos(angle);
                sin[half + j] = Math.sin(angle);
            }
        }
        SIN[log2] = sin;
        COS[log2] = cos; // published last; readers test COS
    }

    /** cos(2 pi k / n) for k < n/2 at index n/2 + k (the table of the last stage); n a power of two, at least 2. */
    static double[] stageCosines(int n) {
        int log2 = Integer.numberOfTrailingZeros(n);
        if (COS[log2] == null) {
            buildTables(log2);
        }
        return COS[log2];
    }

    /** sin(2 pi k / n) for k < n/2 at index n/2 + k, as {@link #stageCosines}. */
    static double[] stageSines(int n) {
        int log2 = Integer.numberOfTrailingZeros(n);
        if (COS[log2] == null) {
            buildTables(log2);
        }
        return SIN[log2];
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
        // Spans 2 and 4 have the twiddles 1 and -+i: no multiplications.
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
        if (n >= 4) {
            double sign = inverse ? 1.0 : -1.0;
            for (int i = 0; i < n; i += 4) {
                double ar = re[i];
                double ai = im[i];
                double br = re[i + 2];
                double bi = im[i + 2];
                re[i] = ar + br;
                im[i] = ai + bi;
                re[i + 2] = ar - br;
                im[i + 2] = ai - bi;
                // twiddle -+i: (br, bi) * (0, sign) = (-sign bi, sign br)
                double cr = re[i + 1];
                double ci = im[i + 1];
                double tr = -sign * im[i + 3];
                double ti = sign * re[i + 3];
                re[i + 1] = cr + tr;
                im[i + 1] = ci + ti;
                re[i + 3] = cr - tr;
                im[i + 3] = ci - ti;
            }
        }
        double sign = inverse ? 1.0 : -1.0;
        for (int half = 4; half < n; half <<= 1) {
            int span = half << 1;
            for (int start = 0; start < n; start += span) {
                butterflies(re, im, start, half, cos, sin, sign);
            }
        }
    }

    /** One block of a radix-2 stage: points start + j and start + j + half, twiddles [half, 2 half). */
    private static void butterflies(double[] re, double[] im, int start, int half, double[] cos, double[] sin,
            double sign) {
        for (int j = 0; j < half; j++) {
            int a = start + j;
            int b = a + half;
            double wr = cos[half + j];
            double wi = sign * sin[half + j];
            double br = re[b];
            double bi = im[b];
            double tr = wr * br - wi * bi;
            double ti = wr * bi + wi * br;
            double ar = re[a];
            double ai = im[a];
            re[b] = ar - tr;
            im[b] = ai - ti;
            re[a] = ar + tr;
            im[a] = ai + ti;
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
