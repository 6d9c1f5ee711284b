package dev.trawl.engine.conformance;

import java.util.Optional;
import java.util.Set;

/**
 * The groups issue 3 reports on. "In scope" for the engine issue is every case outside the {@code series_*},
 * {@code make-series}, {@code geo_*} and {@code functions-library} groups, decided so:
 * <ul>
 * <li>out when the category is {@code series_*}, {@code make-series} or {@code functions-library (UDF)};</li>
 * <li>out when the query calls a {@code series_...(} or {@code geo_...(} function or uses {@code make-series}
 *     (so the geo half of the {@code ip/geo} category, and series calls in other categories, are out too; the
 *     ipv4/ipv6 half of {@code ip/geo} stays in);</li>
 * <li>in otherwise. Words inside strings and comments do not count (the front end's tokens are used).</li>
 * </ul>
 * The join and mv-expand groups are the {@code join/lookup} and {@code mv-expand/mv-apply} categories.
 */
final class Scope {
    static final Set<String> OUT_OF_SCOPE_CATEGORIES = Set.of("series_*", "make-series", "functions-library (UDF)");
    static final String JOIN_CATEGORY = "join/lookup";
    static final String MV_EXPAND_CATEGORY = "mv-expand/mv-apply";

    private Scope() {
    }

    /** Why the case is outside issue 3's scope, or empty when it is in scope. */
    static Optional<String> outOfScopeReason(ConformanceCase c) {
        if (OUT_OF_SCOPE_CATEGORIES.contains(c.category())) {
            return Optional.of("category " + c.category());
        }
        QueryShape shape = QueryShape.of(c.query());
        if (shape.callsFunctionStartingWith("series_")) {
            return Optional.of("calls series_*");
        }
        if (shape.usesWord("make-series")) {
            return Optional.of("uses make-series");
        }
        if (shape.callsFunctionStartingWith("geo_")) {
            return Optional.of("calls geo_*");
        }
        return Optional.empty();
    }

    static boolean inScope(ConformanceCase c) {
        return outOfScopeReason(c).isEmpty();
    }
}
