package dev.trawl.series;

/**
 * Reusable scratch arrays for the series functions, so that running one function over many series allocates
 * (almost) nothing but the results. Not thread-safe: give each thread its own workspace. The static methods
 * without a workspace argument create a fresh one per call.
 */
public final class SeriesWorkspace {
    // Each buffer has one owner at a time; the comments say which algorithm uses it, so that a caller never hands
    // a buffer to a callee that uses the same one.
    private double[] fftReal = new double[0];      // PeriodDetector: transform buffers
    private double[] fftImag = new double[0];
    private double[] spectrum = new double[0];     // PeriodDetector: the periodogram
    private double[] centred = new double[0];      // PeriodDetector: x - mean
    private double[] prefix = new double[0];       // PeriodDetector: prefix sums of the detrended series
    private double[] prefixSquares = new double[0];
    private double[] prefixWeighted = new double[0]; // PeriodDetector: prefix sums of i times the same
    private double[] selection = new double[0];    // SeriesOutliers: the values whose percentiles are selected
    private double[] component = new double[0];    // SeriesDecompose: seasonal, then residual
    private double[] phaseValues = new double[0];  // SeriesSeasonal: the values of one phase, or all by phase
    private int[] phaseCounts = new int[0];        // SeriesSeasonal: the number of values per phase
    private int[] candidateLags = new int[0];      // PeriodDetector: candidate periods and their scores
    private double[] candidateScores = new double[0];
    private double[] pair = new double[2];         // SeriesOutliers: the low and the high percentile
    private final double[] outlierTest = new double[4]; // SeriesOutliers: the fitted percentiles and scales
    private PeriodDetector periodDetector;

    /** Creates an empty workspace; its arrays grow on first use to the longest series seen. */
    public SeriesWorkspace() {
    }

    double[] fftReal(int length) {
        if (fftReal.length < length) {
            fftReal = new double[length];
        }
        return fftReal;
    }

    double[] fftImag(int length) {
        if (fftImag.length < length) {
            fftImag = new double[length];
        }
        return fftImag;
    }

    double[] centred(int length) {
        if (centred.length < length) {
            centred = new double[length];
        }
        return centred;
    }

    double[] spectrum(int length) {
        if (spectrum.length < length) {
            spectrum = new double[length];
        }
        return spectrum;
    }

    double[] prefix(int length) {
        if (prefix.length < length) {
            prefix = new double[length];
        }
        return prefix;
    }

    double[] prefixSquares(int length) {
        if (prefixSquares.length < length) {
            prefixSquares = new double[length];
        }
        return prefixSquares;
    }

    double[] prefixWeighted(int length) {
        if (prefixWeighted.length < length) {
            prefixWeighted = new double[length];
        }
        return prefixWeighted;
    }

    double[] selection(int length) {
        if (selection.length < length) {
            selection = new double[length];
        }
        return selection;
    }

    double[] component(int length) {
        if (component.length < length) {
            component = new double[length];
        }
        return component;
    }

    double[] phaseValues(int length) {
        if (phaseValues.length < length) {
            phaseValues = new double[length];
        }
        return phaseValues;
    }

    int[] phaseCounts(int length) {
        if (phaseCounts.length < length) {
            phaseCounts = new int[length];
        }
        return phaseCounts;
    }

    int[] candidateLags(int length) {
        if (candidateLags.length < length) {
            candidateLags = new int[length];
        }
        return candidateLags;
    }

    double[] pair() {
        return pair;
    }

    double[] outlierTest() {
        return outlierTest;
    }

    PeriodDetector periodDetector() {
        if (periodDetector == null) {
            periodDetector = new PeriodDetector(this);
        }
        return periodDetector;
    }

    double[] candidateScores(int length) {
        if (candidateScores.length < length) {
            candidateScores = new double[length];
        }
        return candidateScores;
    }
}
