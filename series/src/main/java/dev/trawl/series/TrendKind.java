package dev.trawl.series;

/** The {@code Trend} argument of {@code series_decompose} and its relatives (semantics §1.3). */
public enum TrendKind {
    /** {@code 'avg'}: the trend is the mean of the de-seasonalised training points (Known ambiguities 4). */
    AVG("avg"),
    /** {@code 'linefit'}: a least-squares line through the de-seasonalised training points, x = 1..n. */
    LINEFIT("linefit"),
    /** {@code 'none'}: no trend component. */
    NONE("none");

    private final String kqlName;

    TrendKind(String kqlName) {
        this.kqlName = kqlName;
    }

    /** The KQL spelling ({@code avg}, {@code linefit}, {@code none}). */
    public String kqlName() {
        return kqlName;
    }

    /**
     * The kind a KQL string names; Kusto's documented values are lower case, and the match here ignores case.
     *
     * @throws SeriesArgumentException if the name is none of {@code avg}, {@code linefit}, {@code none}
     */
    public static TrendKind fromKql(String name) {
        for (TrendKind kind : values()) {
            if (kind.kqlName.equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new SeriesArgumentException("Trend", "'" + name + "' is not one of 'avg', 'linefit', 'none'");
    }
}
