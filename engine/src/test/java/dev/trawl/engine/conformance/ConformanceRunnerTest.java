package dev.trawl.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.QueryException;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.types.ScalarType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Classification of engine behaviour into the six outcomes, with small real engines written as functions. */
class ConformanceRunnerTest {
    private static final String EXPECTED = "|x|\n|---|\n|1|";

    private static PreparedCase prepared(String expected) {
        ConformanceCase c = new ConformanceCase(3, "src", "title", "print x = 1", expected, "", "scalars/math/types", List.of());
        return PreparedCase.prepare(c, List.of(c));
    }

    private static QueryResult longResult(long value) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return new QueryResult(List.of(new QueryResult.Column("x", ScalarType.LONG)), rows);
    }

    private static CaseOutcome run(Function<String, QueryResult> engine, String expected) {
        try (ConformanceRunner runner = new ConformanceRunner(engine, Duration.ofMillis(300))) {
            return runner.run(prepared(expected));
        }
    }

    @Test
    void matchingResultPasses() {
        CaseOutcome o = run(q -> longResult(1), EXPECTED);
        assertEquals(CaseOutcome.Kind.PASS, o.kind(), o.detail());
        assertNotNull(o.actual());
    }

    @Test
    void wrongResultFailsWithADiff() {
        CaseOutcome o = run(q -> longResult(2), EXPECTED);
        assertEquals(CaseOutcome.Kind.FAIL, o.kind());
        assertTrue(o.detail().contains("2"), o.detail());
    }

    @Test
    void queryExceptionIsAnErrorShowingTheFirstDiagnostic() {
        Diagnostic d = new Diagnostic("KQL2001", Severity.ERROR, new Span(0, 5), "unknown name 'T'", List.of(), null);
        CaseOutcome o = run(q -> {
            throw new QueryException(List.of(d, d));
        }, EXPECTED);
        assertEquals(CaseOutcome.Kind.ERROR, o.kind());
        assertTrue(o.detail().startsWith("KQL2001"), o.detail());
        assertTrue(o.detail().contains("unknown name 'T'") && o.detail().contains("+1 more"), o.detail());
    }

    @Test
    void otherThrowablesAreCrashes() {
        assertEquals(CaseOutcome.Kind.CRASH, run(q -> {
            throw new IllegalStateException("boom");
        }, EXPECTED).kind());
        assertEquals(CaseOutcome.Kind.CRASH, run(q -> {
            throw new StackOverflowError();
        }, EXPECTED).kind());
        assertEquals(CaseOutcome.Kind.CRASH, run(q -> null, EXPECTED).kind());
    }

    @Test
    void unreadableResultIsACrash() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"not a long"});
        QueryResult bad = new QueryResult(List.of(new QueryResult.Column("x", ScalarType.DATETIME)), rows);
        CaseOutcome o = run(q -> bad, EXPECTED);
        assertEquals(CaseOutcome.Kind.CRASH, o.kind());
        assertTrue(o.detail().contains("ClassCastException"), o.detail());
    }

    @Test
    void hangingEngineTimesOutAndTheNextCaseStillRuns() {
        try (ConformanceRunner runner = new ConformanceRunner(q -> {
            if (q.contains("hang")) {
                while (true) {
                    Thread.onSpinWait(); // ignores interrupts: the worker must be abandoned
                }
            }
            return longResult(1);
        }, Duration.ofMillis(200))) {
            ConformanceCase hang = new ConformanceCase(1, "s", "t", "print hang", EXPECTED, "", "other", List.of());
            ConformanceCase fine = new ConformanceCase(2, "s", "t", "print x = 1", EXPECTED, "", "other", List.of());
            CaseOutcome first = runner.run(PreparedCase.prepare(hang, List.of(hang)));
            assertEquals(CaseOutcome.Kind.TIMEOUT, first.kind());
            assertEquals(1, runner.stuckWorkers());
            assertEquals(CaseOutcome.Kind.PASS, runner.run(PreparedCase.prepare(fine, List.of(fine))).kind());
        }
    }

    @Test
    void interruptibleHangFreesTheWorker() {
        try (ConformanceRunner runner = new ConformanceRunner(q -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted");
            }
            return longResult(1);
        }, Duration.ofMillis(100))) {
            assertEquals(CaseOutcome.Kind.TIMEOUT, runner.run(prepared(EXPECTED)).kind());
            assertEquals(0, runner.stuckWorkers());
        }
    }

    @Test
    void unparseableDocumentedOutputIsItsOwnOutcome() {
        CaseOutcome o = run(q -> longResult(1), "the answer is 1");
        assertEquals(CaseOutcome.Kind.UNPARSEABLE, o.kind());
        assertNotNull(o.detail());
    }
}
