/**
 * The conformance harness: runs the documented Kusto examples of {@code shared/kql/conformance/cases.jsonl} through
 * the engine and compares each result with the output table the docs print (DESIGN §7, semantics.md §7).
 *
 * <p>Run it (about a second for the 817 cases, plus the build):
 * <pre>
 * mvn -q -pl kql,engine -am test -Dtest='Conformance*' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * ({@code failIfNoSpecifiedTests=false} because the kql module has no test of that name.) The summary goes to the
 * console, every case with its query, documented table, result and diff to {@code engine/target/conformance-report.txt},
 * a JSON summary to {@code engine/target/conformance-summary.json}. {@code -Dconformance.filter=TEXT} runs a subset
 * (line number, category, page, title or query text); {@code -Dconformance.timeout=MILLIS} changes the 5 s limit.
 *
 * <p>The ratchet: {@link dev.trawl.engine.conformance.ConformanceTest} fails only when fewer in-scope cases pass than
 * {@code src/test/resources/conformance-baseline.txt} says; {@code conformance-passing.txt} lists the passing cases so
 * one that stops passing is named. After an engine change that makes more cases pass, record it with
 * {@code -Dconformance.update=true} added to the command above and commit both files.
 *
 * <p>Where the rules are: reading the docs tables in {@link dev.trawl.engine.conformance.MarkdownTable}; per-case
 * decisions from notes and query (shape only, approximate, ordered, typo renames, alternatives) in
 * {@link dev.trawl.engine.conformance.CasePlan} and {@link dev.trawl.engine.conformance.QueryShape}; table
 * comparison in {@link dev.trawl.engine.conformance.TableComparator}; cell normalisation in
 * {@link dev.trawl.engine.conformance.Cells} and {@link dev.trawl.engine.conformance.CellMatcher}; issue 3's scope in
 * {@link dev.trawl.engine.conformance.Scope}; outcomes (pass, fail, error, crash, timeout, unparseable) in
 * {@link dev.trawl.engine.conformance.ConformanceRunner}.
 */
package dev.trawl.engine.conformance;
