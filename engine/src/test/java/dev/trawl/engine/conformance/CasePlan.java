package dev.trawl.engine.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one case is compared, decided from its query and the corpus' {@code notes} (semantics.md §7 lists the note
 * kinds). The rules:
 * <ul>
 * <li><b>NONDETERMINISTIC</b> in the notes (now/ago/rand/new_guid): shape only — column names and count, row count.</li>
 * <li><b>order- or sampling-dependent</b> (take/any/make_set/dcount/percentile...): rows as a multiset even when the
 *     query sorts, arrays inside dynamic values as multisets, numbers within {@link Cells#APPROXIMATE_TOLERANCE}. When
 *     the query samples ({@code | sample}, {@code | sample-distinct}, {@code rand()}) no value can be checked: shape only.</li>
 * <li><b>ordered</b> when the query sorts at top level ({@link QueryShape#ordered}); otherwise rows as a multiset.</li>
 * <li><b>abbreviated</b> in the notes: a cell containing {@code ...} matches by prefix/suffix
 *     ({@link Cells#abbreviatedMatches}); rows and columns cut with {@code ...} are handled for every case by
 *     the table itself ({@link ExpectedTable}).</li>
 * <li><b>"header says X but ... column is Y"</b> (the rightanti docs typo): header X is read as Y.</li>
 * <li><b>"the documented output columns"</b> (series_fit_line: the docs show only some of the columns): only the
 *     documented columns are compared, found by name.</li>
 * <li><b>innerunique ... several outputs are valid</b>: the case also passes on the documented output of any other
 *     case with the same query and the same note (the docs print both valid outputs as two examples).</li>
 * </ul>
 */
record CasePlan(Check check, boolean ordered, CellMatcher cells, boolean documentedColumnsOnly,
        Map<String, String> headerRenames, List<String> alternatives, List<String> reasons) {
    enum Check { FULL, SHAPE }

    static final String NONDETERMINISTIC = "NONDETERMINISTIC";
    static final String SAMPLING = "order- or sampling-dependent";
    static final String ABBREVIATED = "abbreviated";
    static final String DOCUMENTED_COLUMNS = "documented output columns";
    static final String SEVERAL_VALID = "several outputs are valid";
    private static final Pattern HEADER_TYPO = Pattern.compile("header says (\\S+) but .*? column is (\\S+?)[\\s.,;)]");

    CasePlan {
        headerRenames = Map.copyOf(headerRenames);
        alternatives = List.copyOf(alternatives);
        reasons = List.copyOf(reasons);
    }

    /** The same query up to white space (the docs' copies differ in trailing blanks). */
    static boolean sameText(String a, String b) {
        return a.replaceAll("\\s+", " ").strip().equals(b.replaceAll("\\s+", " ").strip());
    }

    /** The plan for a case; {@code all} is the whole corpus, searched for innerunique alternatives. */
    static CasePlan of(ConformanceCase c, List<ConformanceCase> all) {
        String notes = c.notes();
        QueryShape shape = QueryShape.of(c.query());
        List<String> reasons = new ArrayList<>();
        Check check = Check.FULL;
        boolean approximate = false;
        if (notes.contains(NONDETERMINISTIC)) {
            check = Check.SHAPE;
            reasons.add("shape only: NONDETERMINISTIC");
        } else if (notes.contains(SAMPLING)) {
            if (shape.usesOperator("sample") || shape.usesOperator("sample-distinct") || shape.usesWord("rand")) {
                check = Check.SHAPE;
                reasons.add("shape only: the query samples");
            } else {
                approximate = true;
                reasons.add("approximate: order- or sampling-dependent (rows and arrays as multisets, numbers within "
                        + (Cells.APPROXIMATE_TOLERANCE * 100) + "%)");
            }
        }
        boolean ordered = !approximate && check == Check.FULL && shape.ordered();
        if (ordered) {
            reasons.add("ordered: the query sorts at top level");
        }
        boolean abbreviated = notes.toLowerCase(Locale.ROOT).contains(ABBREVIATED);
        if (abbreviated) {
            reasons.add("abbreviated cells match by prefix/suffix");
        }
        boolean documentedColumnsOnly = notes.contains(DOCUMENTED_COLUMNS);
        if (documentedColumnsOnly) {
            reasons.add("only the documented columns");
        }
        Map<String, String> renames = new LinkedHashMap<>();
        Matcher typo = HEADER_TYPO.matcher(notes + " ");
        if (typo.find()) {
            renames.put(typo.group(1), typo.group(2));
            reasons.add("docs header typo: " + typo.group(1) + " read as " + typo.group(2));
        }
        List<String> alternatives = new ArrayList<>();
        if (notes.contains(SEVERAL_VALID)) {
            for (ConformanceCase other : all) {
                if (other.line() != c.line() && other.notes().contains(SEVERAL_VALID)
                        && sameText(other.query(), c.query())) {
                    alternatives.add(other.expected());
                }
            }
            if (!alternatives.isEmpty()) {
                reasons.add("also accepts the documented output of " + alternatives.size()
                        + " other case(s) with the same query (several outputs are valid)");
            }
        }
        return new CasePlan(check, ordered, new CellMatcher(approximate, abbreviated), documentedColumnsOnly, renames,
                alternatives, reasons);
    }
}
