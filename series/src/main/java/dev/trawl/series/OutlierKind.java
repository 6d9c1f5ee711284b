package dev.trawl.series;

/** The {@code kind} argument of {@code series_outliers} and {@code AD_method} of {@code series_decompose_anomalies}. */
public enum OutlierKind {
    /** {@code 'ctukey'}: Tukey's fences on custom percentiles (default 10th/90th), normalised (semantics §1.2). */
    CTUKEY("ctukey"),
    /** {@code 'tukey'}: the classic 25th/75th percentile fences; custom percentiles do not apply. */
    TUKEY("tukey");

    private final String kqlName;

    OutlierKind(String kqlName) {
        this.kqlName = kqlName;
    }

    /** The KQL spelling ({@code ctukey} or {@code tukey}). */
    public String kqlName() {
        return kqlName;
    }

    /**
     * The kind a KQL string names, ignoring case.
     *
     * @throws SeriesArgumentException if the name is neither {@code ctukey} nor {@code tukey}
     */
    public static OutlierKind fromKql(String name) {
        for (OutlierKind kind : values()) {
            if (kind.kqlName.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new SeriesArgumentException("kind", "'" + name + "' is not one of 'ctukey', 'tukey'");
    }
}
