package dev.trawl.engine.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * A case ready to run: its comparison plan and its documented output parsed once (or why it could not be).
 *
 * @param expected null when {@code parseError} says why the documented output is unreadable
 * @param alternatives the parsed documented outputs of equivalent cases that are also accepted
 */
record PreparedCase(ConformanceCase testCase, CasePlan plan, ExpectedTable expected, String parseError,
        List<ExpectedTable> alternatives, String outOfScopeReason) {
    static List<PreparedCase> prepare(List<ConformanceCase> cases, List<ConformanceCase> corpus) {
        List<PreparedCase> prepared = new ArrayList<>(cases.size());
        for (ConformanceCase c : cases) {
            prepared.add(prepare(c, corpus));
        }
        return prepared;
    }

    static PreparedCase prepare(ConformanceCase c, List<ConformanceCase> corpus) {
        CasePlan plan = CasePlan.of(c, corpus);
        ExpectedTable expected = null;
        String error = null;
        try {
            expected = MarkdownTable.parse(c.expected());
        } catch (ExpectedTableException e) {
            error = e.getMessage();
        }
        List<ExpectedTable> alternatives = new ArrayList<>();
        for (String other : plan.alternatives()) {
            try {
                alternatives.add(MarkdownTable.parse(other));
            } catch (ExpectedTableException e) {
                // an unreadable alternative is no alternative
            }
        }
        return new PreparedCase(c, plan, expected, error, alternatives, Scope.outOfScopeReason(c).orElse(null));
    }

    boolean inScope() {
        return outOfScopeReason == null;
    }

    /** Compares a result with the documented output, then with the accepted alternatives. */
    TableComparator.Verdict judge(ActualTable actual) {
        TableComparator.Verdict verdict = TableComparator.compare(expected, actual, plan);
        if (verdict.pass()) {
            return verdict;
        }
        for (ExpectedTable alternative : alternatives) {
            if (TableComparator.compare(alternative, actual, plan).pass()) {
                return TableComparator.Verdict.PASS;
            }
        }
        return verdict;
    }
}
