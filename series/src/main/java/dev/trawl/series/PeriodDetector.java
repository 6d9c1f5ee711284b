package dev.trawl.series;

/**
 * The period search behind {@code series_periods_detect}, {@code series_periods_validate} and the seasonality
 * autodetection of {@code series_decompose} and {@code series_seasonal}. Kusto's algorithm is not public; this one
 * was designed for this library and calibrated against every documented result (semantics §1.5 and Known
 * ambiguities 1). One instance lives in a {@link SeriesWorkspace} and is reused series after series.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li><b>Prepare.</b> Centre the series (d = x - mean; NaN and infinite points count as the mean) and remove its
 *       least-squares line (t = d - line). A real FFT of t of length N >= 1.5 n gives the periodogram |T(f)|^2, and
 *       the inverse FFT of the periodogram the autocovariance of t at every lag up to N - n >= n/2 + 2, and from it
 *       (with prefix sums) that of d at the same lags; the score's longer lags are summed directly.</li>
 *   <li><b>Spectral candidates.</b> The 8 strongest local maxima of the periodogram whose period N/j lies within the
 *       search range (with 20% slack at both ends). A sinusoid, or the fundamental of any periodic pattern, shows up
 *       here; multiples of a period do not, which is why candidates come from the spectrum and not from the
 *       autocorrelation alone.</li>
 *   <li><b>Refine.</b> A periodogram peak at bin j only says the period lies in (N/(j+1), N/(j-1)). Within that
 *       window the integer lag L with the highest Pearson correlation between t[0, n-L) and t[L, n) is chosen: for
 *       a series that repeats exactly with period P that correlation is exactly 1 at P, whatever the pattern's shape
 *       and however few cycles there are, which a plain autocorrelation (biased by the partial overlap) is not.
 *       If the best lag is on the window's edge and the correlation keeps rising outside, the search climbs on to
 *       the top of that hill; a lag that is not a peak of the correlation (it can only be one on the edge of the
 *       search range) is no period and is dropped.</li>
 *   <li><b>Score</b> (in [0, 1]) is the weakest of three pieces of evidence, each an autocorrelation with the
 *       unbiased normalisation r(k) = [sum d_i d_(i+k) / (n-k)] / [sum d_i^2 / n]:
 *       <ul>
 *         <li>r_d(L): the series resembles itself one period later;</li>
 *         <li>r_d(2L): and two periods later. A pattern seen only twice gives no evidence at 2L; the term then
 *             falls back, continuously, to the biased autocorrelation r_d(L) (n-L)/n, weighting r_d(2L) by
 *             w = min(1, (n - 2L) / L), the fraction of a full period that the lag-2L overlap covers;</li>
 *         <li>r_t(L) on the de-trended series: a trend alone has a high autocorrelation at every lag, and this term
 *             keeps it from passing for a period.</li>
 *       </ul>
 *       Scores below 2/sqrt(n), the usual 95% band of a white-noise autocorrelation, are reported as 0.</li>
 *   <li><b>Select.</b> Candidates are ordered by score. A candidate that is (within one lag, or 2%) a multiple of a
 *       shorter candidate scoring at least its score minus 0.05 is an echo of that shorter period and is dropped;
 *       the first {@code num_periods} survivors are the result.</li>
 * </ol>
 *
 * <h2>Calibration (the tests pin these)</h2>
 * <ul>
 *   <li>The documented 60-point series ({@code series-periods-detect-function.md}): period 14 with score 0.8412
 *       (docs: 0.84) and no second period (docs: 0); validate(14, 10) = [0.8412, 0] (docs: [0.84, 0.0]). The lag-2L
 *       term is what brings 14 from 0.96 down to the documented 0.84, and it is why the raw, not the de-trended,
 *       series is used there: de-trended, r(28) would be 0.94.</li>
 *   <li>{@code series_seasonal}'s autodetect examples (threshold 0.7): the 25-point series scores 0.706 at 6, the
 *       20-point series 0.891 at 5 (both detected); {@code [1,3,5,2,4,6]} twice, a pattern seen only twice, scores
 *       0.5 at 6, below the threshold and below the noise floor 2/sqrt(12) = 0.58, so nothing is detected (the docs:
 *       "too short to be detected").</li>
 *   <li>A sine, square or sawtooth wave of every integer period 4..n/2 (n = 336, 100, 60) with 1% noise gives that
 *       period; so does a pulse train, except where the pulse falls between the samples (then there is nothing
 *       periodic to find). With 10% noise, periods up to n/6 stay exact, while longer sine periods are often a few
 *       lags off (22% of the periods 4..168 at n = 336, at most 3 lags): the neighbouring lags of a long smooth wave
 *       are then almost indistinguishable to the correlation. White noise scores at most 0.21 (n = 336),
 *       0.35 (n = 100) and 0.43 (n = 60) over 1,000 series each; trend plus noise stays below 0.3.</li>
 * </ul>
 * Periods are integers (bins); Kusto's result type is real, and its documented examples are integers too.
 */
final class PeriodDetector {
    static final int MIN_PERIOD = 4;
    private static final int SPECTRAL_CANDIDATES = 8;
    private static final double ECHO_MARGIN = 0.05;
    private static final double RANGE_SLACK = 0.2;

    private final SeriesWorkspace workspace;
    private int n;
    private int fftLength;
    private boolean flat;
    private boolean trendOnly;
    private int wrapFreeLag;                 // the largest lag the circular FFT autocovariance gives exactly
    private double[] centred;                // x - mean
    private double centredEnergy;            // sum of (x - mean)^2
    private double[] transformedReal;        // the inverse transform: (N/2) sum t[i] t[i+lag], even lags ...
    private double[] transformedImag;        // ... and odd lags, at index lag / 2
    private double inverseScale;
    private double[] periodogram;
    private double[] prefix;
    private double[] prefixSquares;
    private double[] prefixWeighted;         // prefix sums of i * t[i]
    private double slope;                    // of the least-squares line removed from d: t = d - slope (i - centre)
    private final int[] bestLag = new int[1];
    private final double[] bestScore = new double[1];

    PeriodDetector(SeriesWorkspace workspace) {
        this.workspace = workspace;
    }

    /** Analyses x[0, length); later calls to {@link #score} and {@link #detect} refer to this series. */
    void prepare(double[] x, int length) {
        n = length;
        flat = true;
        trendOnly = true;
        if (n < 2 * MIN_PERIOD) {
            return; // no period in [4, n/2] is possible
        }
        double centre = (n - 1) / 2.0;
        double sum = 0;
        double weighted = 0;
        double positions = 0;
        double largest = 0;
        int valid = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Double.isFinite(v)) {
                sum += v;
                valid++;
                weighted += (i - centre) * v;
                positions += i - centre;
                double absolute = Math.abs(v);
                largest = absolute > largest ? absolute : largest;
            }
        }
        if (valid < 2) {
            return;
        }
        double mean = sum / valid;
        // The least-squares slope of the centred series over all positions (a missing point counts as the mean);
        // sum (i - centre)^2 over 0..n-1 is n (n^2 - 1) / 12.
        slope = (weighted - mean * positions) / (n * ((double) n * n - 1) / 12.0);

        // The transform must be long enough that the circular autocovariance has no wrapped terms up to the lags
        // the search reads from it (n/2 + 1). It is a real transform of length N done as a complex one of N/2.
        int length2 = Fft.nextPowerOfTwo(n + n / 2 + 2);
        int half = length2 / 2;
        fftLength = length2;
        wrapFreeLag = length2 - n;
        double[] re = workspace.fftReal(half);
        double[] im = workspace.fftImag(half);
        centred = workspace.centred(n);
        prefix = workspace.prefix(n + 1);
        prefixSquares = workspace.prefixSquares(n + 1);
        prefixWeighted = workspace.prefixWeighted(n + 1);
        double spread = 0;
        double detrendedSpread = 0;
        double energy = 0;
        double runningSum = 0;
        double runningSquares = 0;
        double runningWeighted = 0;
        prefix[0] = 0;
        prefixSquares[0] = 0;
        prefixWeighted[0] = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double d = Double.isFinite(v) ? v - mean : 0;
            centred[i] = d;
            energy += d * d;
            double absolute = Math.abs(d);
            spread = absolute > spread ? absolute : spread;
            double t = d - slope * (i - centre);
            double absoluteT = Math.abs(t);
            detrendedSpread = absoluteT > detrendedSpread ? absoluteT : detrendedSpread;
            runningSum += t;
            runningSquares += t * t;
            runningWeighted += i * t;
            prefix[i + 1] = runningSum;
            prefixSquares[i + 1] = runningSquares;
            prefixWeighted[i + 1] = runningWeighted;
        }
        // z = t[even] + i t[odd], zero-padded, is the input of the half-length complex transform.
        int pairs = n >>> 1;
        for (int k = 0; k < pairs; k++) {
            double u0 = centred[2 * k] - slope * (2 * k - centre);
            double u1 = centred[2 * k + 1] - slope * (2 * k + 1 - centre);
            re[k] = u0;
            im[k] = u1;
        }
        if ((n & 1) == 1) {
            re[pairs] = centred[n - 1] - slope * (n - 1 - centre);
            im[pairs] = 0;
            pairs++;
        }
        java.util.Arrays.fill(re, pairs, half, 0.0);
        java.util.Arrays.fill(im, pairs, half, 0.0);
        centredEnergy = energy;
        // Variation at rounding level (a constant series whose mean is not exactly representable) is no signal.
        double roundoff = 1e-12 * Math.max(largest, Double.MIN_NORMAL);
        if (spread <= roundoff) {
            return;
        }
        flat = false;
        trendOnly = detrendedSpread <= 1e-9 * spread;

        // Forward: with z = t[even] + i t[odd] and Z its transform of length N/2, E = (Z[k] + conj Z[-k]) / 2 and
        // O = (Z[k] - conj Z[-k]) / 2i are the transforms of the even and odd samples, and T[k] = E + e^(-2 pi i k/N) O.
        // Inverse of the (real, even) periodogram P: with E' = (P[k] + P[N/2-k]) / 2, D = (P[k] - P[N/2-k]) / 2 and
        // Z' = E' + i D e^(+2 pi i k/N), the unscaled inverse of length N/2 is (N/2) (c[even] + i c[odd]), c the
        // autocovariance sum t[i] t[i+lag]. Bins k and N/2 - k use the same two values of Z and the same twiddle
        // (cos and sin of pi - a are -cos a and sin a), so one loop over the first half does both directions.
        Fft.powerOfTwo(re, im, half, false);
        double[] cos = Fft.stageCosines(length2);
        double[] sin = Fft.stageSines(length2);
        periodogram = workspace.spectrum(half + 1);
        double[] pg = periodogram;
        for (int k = 0; k <= half / 2; k++) {
            int mirror = half - k;
            int mirrorIndex = mirror & (half - 1);
            double zr = re[k];
            double zi = im[k];
            double yr = re[mirrorIndex];
            double yi = im[mirrorIndex];
            double c = cos[half + k];
            double s = sin[half + k];
            double pk = power(zr, zi, yr, yi, c, -s);
            double pm = power(yr, yi, zr, zi, -c, -s);
            pg[k] = pk;
            pg[mirror] = pm;
            double even = (pk + pm) / 2;
            double odd = (pk - pm) / 2;
            re[k] = even - odd * s;
            im[k] = odd * c;
            if (mirror < half && mirror != k) {
                re[mirror] = even + odd * s;
                im[mirror] = odd * c;
            }
        }
        Fft.powerOfTwo(re, im, half, true);
        transformedReal = re;
        transformedImag = im;
        inverseScale = 1.0 / half;
    }

    /** |T|^2 for T = E + w O, E and O from a value z of the half-length transform and its mirror y (see above). */
    private static double power(double zr, double zi, double yr, double yi, double wr, double wi) {
        double er = (zr + yr) / 2;
        double ei = (zi - yi) / 2;
        double or = (zi + yi) / 2;
        double oi = (yr - zr) / 2;
        double tr = er + wr * or - wi * oi;
        double ti = ei + wr * oi + wi * or;
        return tr * tr + ti * ti;
    }

    /** sum t[i] t[i+lag] of the de-trended series, for lag <= wrapFreeLag, read from the inverse transform. */
    private double detrendedProduct(int lag) {
        return ((lag & 1) == 0 ? transformedReal[lag >>> 1] : transformedImag[lag >>> 1]) * inverseScale;
    }

    /**
     * Sum of d[i] d[i+k] over the centred series. Within the transform's exact lags it follows in O(1) from the
     * de-trended autocovariance: with d = t + s u, u[i] = i - centre,
     * sum d[i] d[i+k] = sum t[i] t[i+k] + s (sum t[i] u[i+k] + sum u[i] t[i+k]) + s^2 sum u[i] u[i+k], where the
     * cross sums come from the prefix sums of t and i t and the last from a closed form. Beyond them it is summed.
     */
    private double centredProduct(int k) {
        if (k == 0) {
            return centredEnergy;
        }
        int m = n - k;
        if (k <= wrapFreeLag) {
            double centre = (n - 1) / 2.0;
            double tt = detrendedProduct(k);
            // sum_{i<m} t[i] (i + k - centre)
            double tu = prefixWeighted[m] + (k - centre) * prefix[m];
            // sum_{j=k}^{n-1} (j - k - centre) t[j]
            double ut = (prefixWeighted[n] - prefixWeighted[k]) - (k + centre) * (prefix[n] - prefix[k]);
            // sum_{i<m} (i - centre) (i - centre + k)
            double a = -centre;
            double sumLinear = m * (m - 1) / 2.0 + a * m;
            double sumSquare = (m - 1.0) * m * (2.0 * m - 1) / 6.0 + a * m * (m - 1.0) + a * a * m;
            double uu = sumSquare + k * sumLinear;
            return tt + slope * (tu + ut) + slope * slope * uu;
        }
        double[] d = centred;
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < m; i += 2) {
            s0 += d[i] * d[i + k];
            s1 += d[i + 1] * d[i + k + 1];
        }
        if (i < m) {
            s0 += d[i] * d[i + k];
        }
        return s0 + s1;
    }

    /** The unbiased autocorrelation at lag k of a series whose lag-0 product sum is {@code zero}. */
    private double unbiased(double atLag, double zero, int k) {
        if (k >= n || zero <= 0) {
            return 0;
        }
        return atLag / (n - k) / (zero / n);
    }

    /** The score of integer period {@code lag} for the prepared series, in [0, 1]. */
    double score(int lag) {
        if (flat || lag < MIN_PERIOD || 2 * lag > n) {
            return 0;
        }
        double zero = centredProduct(0);
        if (zero <= 0) {
            return 0;
        }
        double product = centredProduct(lag);
        double atLag = unbiased(product, zero, lag);
        double coverage = Math.min(1.0, Math.max(0.0, (n - 2.0 * lag) / lag));
        double biased = product / zero;
        double twoLags = coverage > 0 ? coverage * unbiased(centredProduct(2 * lag), zero, 2 * lag)
                + (1 - coverage) * biased : biased;
        double detrended = trendOnly ? 0
                : unbiased(detrendedProduct(lag), detrendedProduct(0), lag);
        double score = Math.min(atLag, Math.min(twoLags, detrended));
        score = Math.max(0.0, Math.min(1.0, score));
        return score < 2 / Math.sqrt(n) ? 0 : score;
    }

    /** Pearson correlation of t[0, n-lag) with t[lag, n), from the prefix sums and the FFT autocovariance. */
    private double laggedCorrelation(int lag) {
        int m = n - lag;
        double sx = prefix[m];
        double sy = prefix[n] - prefix[lag];
        double sxx = prefixSquares[m];
        double syy = prefixSquares[n] - prefixSquares[lag];
        double sxy = detrendedProduct(lag);
        double vx = sxx - sx * sx / m;
        double vy = syy - sy * sy / m;
        if (vx <= 0 || vy <= 0) {
            return -1;
        }
        return (sxy - sx * sy / m) / Math.sqrt(vx * vy);
    }

    /**
     * Finds up to {@code count} periods in [minPeriod, maxPeriod] (clipped to [4, n/2]), best first; writes lags and
     * scores to the arrays and returns how many it found.
     */
    int detect(double minPeriod, double maxPeriod, int count, int[] lags, double[] scores) {
        if (flat || trendOnly || count <= 0) {
            return 0;
        }
        double low = Math.max(MIN_PERIOD, minPeriod);
        double high = Math.min(n / 2.0, maxPeriod);
        int lowLag = (int) Math.ceil(low);
        int highLag = (int) Math.floor(high);
        if (lowLag > highLag) {
            return 0;
        }
        // The strongest periodogram peaks in range, kept sorted by power (descending) in small arrays.
        // Slots [0, K) hold the periodogram peaks, [K, 2K) the scored lags.
        int[] bins = workspace.candidateLags(2 * SPECTRAL_CANDIDATES);
        double[] power = workspace.candidateScores(2 * SPECTRAL_CANDIDATES);
        int peaks = 0;
        int length2 = fftLength;
        double slackLow = low * (1 - RANGE_SLACK);
        double slackHigh = high * (1 + RANGE_SLACK);
        int half = length2 / 2;
        double[] pg = periodogram;
        for (int j = 2; j < half; j++) {
            double p = pg[j];
            if (!(p > pg[j - 1] && p >= pg[j + 1])) {
                continue;
            }
            double period = (double) length2 / j;
            if (period < slackLow || period > slackHigh) {
                continue;
            }
            if (peaks == SPECTRAL_CANDIDATES && p <= power[peaks - 1]) {
                continue;
            }
            int at = peaks == SPECTRAL_CANDIDATES ? peaks - 1 : peaks++;
            while (at > 0 && power[at - 1] < p) {
                power[at] = power[at - 1];
                bins[at] = bins[at - 1];
                at--;
            }
            power[at] = p;
            bins[at] = j;
        }
        // Refine each peak to an integer lag and score it; found lags go to the second half of the arrays.
        int base = SPECTRAL_CANDIDATES;
        int found = 0;
        for (int c = 0; c < peaks; c++) {
            int j = bins[c];
            int from = Math.max(lowLag, (int) Math.ceil((double) length2 / (j + 1)));
            int to = Math.min(highLag, (int) Math.floor((double) length2 / (j - 1)));
            int best;
            if (from > to) {
                best = Math.min(highLag, Math.max(lowLag, (int) Math.round((double) length2 / j)));
            } else {
                best = from;
                double windowBest = laggedCorrelation(from);
                for (int lag = from + 1; lag <= to; lag++) {
                    double correlation = laggedCorrelation(lag);
                    if (correlation > windowBest) {
                        windowBest = correlation;
                        best = lag;
                    }
                }
            }
            // A maximum on the window's edge may be the slope of a hill outside it (a side lobe's window next to
            // the true peak): climb to the top.
            double bestCorrelation = laggedCorrelation(best);
            while (best > lowLag && laggedCorrelation(best - 1) > bestCorrelation) {
                best--;
                bestCorrelation = laggedCorrelation(best);
            }
            while (best < highLag && laggedCorrelation(best + 1) > bestCorrelation) {
                best++;
                bestCorrelation = laggedCorrelation(best);
            }
            // A period is a peak of the correlation. At the edge of the search range the climb stops, and a lag on a
            // slope there (say lag 4 of a slow wave, which correlates even better at lag 3) is no period at all.
            if ((best > 1 && laggedCorrelation(best - 1) > bestCorrelation)
                    || (best + 2 < n && laggedCorrelation(best + 1) > bestCorrelation)) {
                continue;
            }
            double s = score(best);
            if (s <= 0) {
                continue;
            }
            int existing = -1;
            for (int f = 0; f < found; f++) {
                if (bins[base + f] == best) {
                    existing = f;
                }
            }
            if (existing < 0) {
                bins[base + found] = best;
                power[base + found] = s;
                found++;
            }
        }
        // Order by score (descending), ties to the shorter period.
        for (int i = 1; i < found; i++) {
            int lag = bins[base + i];
            double s = power[base + i];
            int at = i;
            while (at > 0 && (power[base + at - 1] < s
                    || (power[base + at - 1] == s && bins[base + at - 1] > lag))) {
                bins[base + at] = bins[base + at - 1];
                power[base + at] = power[base + at - 1];
                at--;
            }
            bins[base + at] = lag;
            power[base + at] = s;
        }
        int written = 0;
        for (int i = 0; i < found && written < count; i++) {
            int lag = bins[base + i];
            double s = power[base + i];
            if (isEcho(lag, s, bins, power, base, found)) {
                continue;
            }
            lags[written] = lag;
            scores[written] = s;
            written++;
        }
        return written;
    }

    /**
     * The best period in [minPeriod, maxPeriod] of the prepared series, or 0 if there is none;
     * {@link #bestScore()} then holds its score.
     */
    int detectBest(double minPeriod, double maxPeriod) {
        bestScore[0] = 0;
        return detect(minPeriod, maxPeriod, 1, bestLag, bestScore) == 1 ? bestLag[0] : 0;
    }

    /** The score of the period the last {@link #detectBest} returned (0 if it found none). */
    double bestScore() {
        return bestScore[0];
    }

    private static boolean isEcho(int lag, double score, int[] lags, double[] scores, int base, int found) {
        for (int f = 0; f < found; f++) {
            int shorter = lags[base + f];
            if (shorter >= lag || scores[base + f] < score - ECHO_MARGIN) {
                continue;
            }
            long multiple = Math.round((double) lag / shorter);
            if (multiple >= 2 && Math.abs(lag - multiple * shorter) <= Math.max(1.0, 0.02 * lag)) {
                return true;
            }
        }
        return false;
    }
}
