package dev.trawl.series;

import java.util.Objects;

/**
 * {@code series_fill_backward}, {@code series_fill_forward}, {@code series_fill_const} and
 * {@code series_fill_linear}: missing values replaced (docs: {@code series-fill-*-function.md}).
 *
 * <p>A value is missing when it is null (NaN) or equal to {@code missing_value_placeholder} (default null, passed
 * as NaN); a missing value that cannot be filled (a gap at an edge with nothing beyond it) keeps its value. Documented examples, all reproduced: backward {@code [111,null,36,41,null,null,16,61,33,null,null]}
 * gives {@code [111,36,36,41,16,16,16,61,33,null,null]} (trailing gaps stay); forward fills from the left and
 * leading gaps stay; linear interpolates between the neighbours ({@code 41, null, null, 16} gives 32.667, 24.333),
 * fills the edges with the nearest value when {@code fill_edges} (default true) and otherwise leaves them null,
 * and an array with no value at all becomes {@code constant_value} (default 0) everywhere, whatever
 * {@code fill_edges} says. The docs' integer example truncates the interpolated values (73.5 to 73); that is the
 * engine's cast of the result to the input's integer type, not done here.
 */
public final class SeriesFill {
    private SeriesFill() {
    }

    private static boolean missing(double v, double placeholder) {
        return Double.isNaN(v) || v == placeholder;
    }

    /** {@code series_fill_backward(series)}: each missing value takes the next present one. */
    public static double[] backward(double[] x) {
        return backward(x, Double.NaN);
    }

    /** {@code series_fill_backward(series, missing_value_placeholder)}; NaN as placeholder means null. */
    public static double[] backward(double[] x, double placeholder) {
        Objects.requireNonNull(x, "x");
        double[] out = x.clone();
        boolean seen = false;
        double next = 0;
        for (int i = out.length - 1; i >= 0; i--) {
            if (!missing(out[i], placeholder)) {
                next = out[i];
                seen = true;
            } else if (seen) {
                out[i] = next;
            }
        }
        return out;
    }

    /** {@code series_fill_forward(series)}: each missing value takes the previous present one. */
    public static double[] forward(double[] x) {
        return forward(x, Double.NaN);
    }

    /** {@code series_fill_forward(series, missing_value_placeholder)}; NaN as placeholder means null. */
    public static double[] forward(double[] x, double placeholder) {
        Objects.requireNonNull(x, "x");
        double[] out = x.clone();
        boolean seen = false;
        double previous = 0;
        for (int i = 0; i < out.length; i++) {
            if (!missing(out[i], placeholder)) {
                previous = out[i];
                seen = true;
            } else if (seen) {
                out[i] = previous;
            }
        }
        return out;
    }

    /** {@code series_fill_const(series, constant_value)}: every null becomes the constant. */
    public static double[] constant(double[] x, double constant) {
        return constant(x, constant, Double.NaN);
    }

    /** {@code series_fill_const(series, constant_value, missing_value_placeholder)}. */
    public static double[] constant(double[] x, double constant, double placeholder) {
        Objects.requireNonNull(x, "x");
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            if (missing(out[i], placeholder)) {
                out[i] = constant;
            }
        }
        return out;
    }

    /** {@code series_fill_linear(series)}: nulls interpolated, edges filled, all-null series become 0. */
    public static double[] linear(double[] x) {
        return linear(x, Double.NaN, true, 0.0);
    }

    /**
     * {@code series_fill_linear(series, missing_value_placeholder, fill_edges, constant_value)}.
     *
     * @param placeholder   the value that marks a missing point besides null (NaN: only nulls)
     * @param fillEdges     fill leading and trailing gaps with the nearest present value (otherwise they stay null)
     * @param constantValue the value of every point when none is present
     */
    public static double[] linear(double[] x, double placeholder, boolean fillEdges, double constantValue) {
        Objects.requireNonNull(x, "x");
        int n = x.length;
        double[] out = x.clone();
        int previous = -1;
        for (int i = 0; i < n; i++) {
            if (missing(x[i], placeholder)) {
                continue; // filled below once its right neighbour is known, or left as it was
            }
            if (previous >= 0 && i - previous > 1) {
                double from = x[previous];
                double step = (x[i] - from) / (i - previous);
                for (int k = previous + 1; k < i; k++) {
                    out[k] = from + step * (k - previous);
                }
            } else if (previous < 0 && fillEdges) {
                for (int k = 0; k < i; k++) {
                    out[k] = x[i];
                }
            }
            previous = i;
        }
        if (previous < 0) {
            java.util.Arrays.fill(out, constantValue);
        } else if (fillEdges) {
            for (int k = previous + 1; k < n; k++) {
                out[k] = x[previous];
            }
        }
        return out;
    }
}
