package dev.trawl.hunt.lint;

import dev.trawl.kql.syntax.ast.Expression;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code let}s in scope at a point of a query, so a check that follows a column back through a
 * pipeline can continue into the let a pipeline starts from. A name bound with no value (a function's
 * parameter) is opaque: nothing can be said about the rows behind it.
 */
final class Lets {
    static final Lets NONE = new Lets(Map.of());

    /** A let's value and the lets that were in scope where it was declared (its value sees only those). */
    record Binding(Expression value, Lets scope) {
        boolean opaque() {
            return value == null;
        }
    }

    private final Map<String, Binding> bindings;

    private Lets(Map<String, Binding> bindings) {
        this.bindings = bindings;
    }

    Lets with(String name, Expression value) {
        Map<String, Binding> more = new HashMap<>(bindings);
        more.put(name, new Binding(value, this));
        return new Lets(Map.copyOf(more));
    }

    Lets withOpaque(String name) {
        Map<String, Binding> more = new HashMap<>(bindings);
        more.put(name, new Binding(null, this));
        return new Lets(Map.copyOf(more));
    }

    /** The binding of {@code name}, or null when it is not a let (then it names a table). */
    Binding get(String name) {
        return bindings.get(name);
    }
}
