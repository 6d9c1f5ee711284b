package dev.trawl.engine.exec;

import dev.trawl.engine.vector.Batch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Batches computed one at a time as the consumer reads them, so that a pipeline of operators that need no more
 * than one batch (scan, range, where, extend and project, mv-expand, union, take) holds one batch per operator
 * instead of each operator's whole output; the operators that need all their input (summarize, sort, join, ...)
 * read it batch by batch. Such a sequence can be read once: reading it again would compute it again, and give other
 * rows where a query calls rand().
 */
final class LazyBatches implements Iterable<Batch> {
    /** Gives the next batch, or null after the last. */
    @FunctionalInterface
    interface Source {
        Batch next();
    }

    private Supplier<Source> start;

    private LazyBatches(Supplier<Source> start) {
        this.start = start;
    }

    /** The batches a source gives; {@code start} runs when the batches are first read. */
    static Iterable<Batch> of(Supplier<Source> start) {
        return new LazyBatches(start);
    }

    /** What {@code step} makes of each input batch, in order; a null result drops the batch. */
    static Iterable<Batch> map(Iterable<Batch> input, Function<Batch, Batch> step) {
        return of(() -> {
            Iterator<Batch> batches = input.iterator();
            return () -> {
                while (batches.hasNext()) {
                    Batch out = step.apply(batches.next());
                    if (out != null) {
                        return out;
                    }
                }
                return null;
            };
        });
    }

    /** The batches {@code step} makes of each input batch (none, one or several), in order. */
    static Iterable<Batch> flatMap(Iterable<Batch> input, Function<Batch, List<Batch>> step) {
        return of(() -> {
            Iterator<Batch> batches = input.iterator();
            return new Source() {
                private Iterator<Batch> current = List.<Batch>of().iterator();

                @Override
                public Batch next() {
                    while (!current.hasNext()) {
                        if (!batches.hasNext()) {
                            return null;
                        }
                        current = step.apply(batches.next()).iterator();
                    }
                    return current.next();
                }
            };
        });
    }

    /** All the batches, read now, in a list that may be read any number of times. */
    static List<Batch> list(Iterable<Batch> batches) {
        if (batches instanceof List<Batch> list) {
            return list;
        }
        List<Batch> out = new ArrayList<>();
        for (Batch batch : batches) {
            out.add(batch);
        }
        return out;
    }

    @Override
    public Iterator<Batch> iterator() {
        if (start == null) {
            throw new IllegalStateException("these batches were read already; an operator reading its input twice "
                    + "must keep it in a list");
        }
        Source source = start.get();
        start = null;
        return new Iterator<>() {
            private Batch next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = source.next();
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Batch out = next;
                next = null;
                return out;
            }
        };
    }
}
