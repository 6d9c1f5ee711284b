package dev.trawl.engine.conformance;

import dev.trawl.engine.exec.QueryException;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.kql.diag.Diagnostic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs cases through an engine one at a time on a single reused worker thread, so that a case that hangs is cut
 * off after the time limit ({@link CaseOutcome.Kind#TIMEOUT}) instead of stalling the build, and nothing the engine
 * throws (exceptions, {@code StackOverflowError}, {@code OutOfMemoryError}) ends the run.
 *
 * <p>A timed-out case's worker is interrupted. Java cannot kill a thread, so when it has not stopped shortly after,
 * the runner abandons it (a daemon thread, it cannot keep the JVM alive) and starts a fresh worker; after
 * {@link #MAX_ABANDONED} abandoned workers are still running, the remaining cases are reported as timeouts without
 * running, since each stuck worker takes a core away from the rest.
 */
final class ConformanceRunner implements AutoCloseable {
    static final int MAX_ABANDONED = 4;
    private static final long STOP_GRACE_MILLIS = 500;

    private final Function<String, QueryResult> engine;
    private final Duration timeout;
    private final List<Thread> abandoned = new ArrayList<>();
    private ExecutorService worker;
    private volatile Thread workerThread;

    ConformanceRunner(Function<String, QueryResult> engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
        this.worker = newWorker();
    }

    private ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "conformance-engine");
            thread.setDaemon(true);
            workerThread = thread;
            return thread;
        });
    }

    List<CaseOutcome> runAll(List<PreparedCase> cases) {
        List<CaseOutcome> outcomes = new ArrayList<>(cases.size());
        for (PreparedCase c : cases) {
            outcomes.add(run(c));
        }
        return outcomes;
    }

    CaseOutcome run(PreparedCase prepared) {
        abandoned.removeIf(t -> !t.isAlive());
        if (abandoned.size() >= MAX_ABANDONED) {
            return new CaseOutcome(prepared, CaseOutcome.Kind.TIMEOUT, "not run: " + abandoned.size()
                    + " earlier timed-out cases are still running", 0, null);
        }
        String query = prepared.testCase().query();
        CountDownLatch finished = new CountDownLatch(1);
        long start = System.nanoTime();
        Future<ActualTable> future = worker.submit(() -> {
            try {
                QueryResult result = engine.apply(query);
                if (result == null) {
                    throw new IllegalStateException("the engine returned null");
                }
                return ActualTable.of(result);
            } finally {
                finished.countDown();
            }
        });
        ActualTable actual;
        try {
            actual = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            long elapsed = System.nanoTime() - start;
            stopOrAbandon(finished);
            return new CaseOutcome(prepared, CaseOutcome.Kind.TIMEOUT, "no result within " + timeout.toMillis() + " ms",
                    elapsed, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new CaseOutcome(prepared, CaseOutcome.Kind.TIMEOUT, "interrupted", System.nanoTime() - start, null);
        } catch (ExecutionException e) {
            return thrown(prepared, e.getCause(), System.nanoTime() - start);
        } catch (CancellationException e) {
            return new CaseOutcome(prepared, CaseOutcome.Kind.TIMEOUT, "cancelled", System.nanoTime() - start, null);
        }
        long elapsed = System.nanoTime() - start;
        if (prepared.expected() == null) {
            return new CaseOutcome(prepared, CaseOutcome.Kind.UNPARSEABLE, prepared.parseError(), elapsed, actual);
        }
        TableComparator.Verdict verdict;
        try {
            verdict = prepared.judge(actual);
        } catch (RuntimeException e) {
            // A bug in the harness, not the engine: say so loudly rather than blame the engine.
            throw new IllegalStateException("comparing " + prepared.testCase().label() + " failed", e);
        }
        return new CaseOutcome(prepared, verdict.pass() ? CaseOutcome.Kind.PASS : CaseOutcome.Kind.FAIL,
                verdict.diff(), elapsed, actual);
    }

    private static CaseOutcome thrown(PreparedCase prepared, Throwable cause, long nanos) {
        if (cause instanceof QueryException q) {
            List<Diagnostic> diagnostics = q.diagnostics();
            String detail = diagnostics.isEmpty() ? "QueryException without diagnostics: " + q.getMessage()
                    : firstDiagnostic(diagnostics.get(0)) + (diagnostics.size() > 1
                            ? " (+" + (diagnostics.size() - 1) + " more)" : "");
            return new CaseOutcome(prepared, CaseOutcome.Kind.ERROR, detail, nanos, null);
        }
        return new CaseOutcome(prepared, CaseOutcome.Kind.CRASH, describe(cause), nanos, null);
    }

    private static String firstDiagnostic(Diagnostic d) {
        return d.code() + " at " + d.span() + ": " + d.message();
    }

    /** The exception, its message and where it was thrown (the first few frames). */
    static String describe(Throwable t) {
        StringBuilder out = new StringBuilder(t.getClass().getName());
        if (t.getMessage() != null) {
            out.append(": ").append(t.getMessage());
        }
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(4, frames.length); i++) {
            out.append("\n      at ").append(frames[i]);
        }
        if (t.getCause() != null && t.getCause() != t) {
            out.append("\n    caused by ").append(t.getCause());
        }
        return out.toString();
    }

    private void stopOrAbandon(CountDownLatch finished) {
        try {
            if (finished.await(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                return; // the worker noticed the interrupt and is free again
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Thread stuck = workerThread;
        if (stuck != null) {
            abandoned.add(stuck);
        }
        worker.shutdownNow();
        worker = newWorker();
    }

    /** How many abandoned workers are still running. */
    int stuckWorkers() {
        for (Iterator<Thread> it = abandoned.iterator(); it.hasNext();) {
            if (!it.next().isAlive()) {
                it.remove();
            }
        }
        return abandoned.size();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
