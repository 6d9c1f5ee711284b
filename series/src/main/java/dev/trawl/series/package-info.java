/**
 * Kusto's {@code series_*} functions as a pure numeric library: {@code double[]} in, arrays or small records out,
 * no KQL and no column vectors (the engine lifts these kernels to dynamic arrays).
 *
 * <p>Conventions shared by every class here:
 * <ul>
 *   <li><b>Null is NaN.</b> A null (or non-numeric) element of a KQL dynamic array is passed in as
 *       {@link Double#NaN}, and a null result element comes back as NaN; the engine converts both ways.
 *       Element-wise functions give NaN for a NaN element (docs: {@code series-add-function.md}: "Any non-numeric
 *       element ... yields a null element value"). Only {@link SeriesOutliers} is documented to accept nulls; for
 *       the decomposition and fit functions a NaN is treated as a missing point (skipped in medians and
 *       regressions; its residual is NaN and its anomaly score 0), as recommended by
 *       {@code shared/kql/semantics.md}, Known ambiguities 7.</li>
 *   <li><b>Types.</b> Everything is computed in {@code double}. Where Kusto keeps an integer type
 *       ({@code series_add} of two long arrays gives longs, {@code series_fill_linear} of an int array truncates the
 *       interpolated values) the engine casts the result; this library never rounds.</li>
 *   <li><b>Arrays belong to the caller.</b> Inputs are never modified; outputs are fresh arrays unless a method says
 *       it writes into one it is given.</li>
 *   <li><b>Bad arguments</b> (a percentile out of range, an empty filter, ...) throw
 *       {@link SeriesArgumentException}, which names the parameter so that the engine can report it as a KQL
 *       diagnostic.</li>
 *   <li><b>Threads.</b> All static methods are thread-safe. The overloads that take a {@link SeriesWorkspace} reuse
 *       its scratch arrays and are as safe as the workspace: one workspace per thread.</li>
 * </ul>
 *
 * <p>Section references such as "semantics §1.3" point to {@code shared/kql/semantics.md}, which records the
 * documented facts, the verified formulas and the ambiguities these implementations resolve.
 */
package dev.trawl.series;
