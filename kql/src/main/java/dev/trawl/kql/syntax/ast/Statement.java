package dev.trawl.kql.syntax.ast;

import dev.trawl.kql.syntax.Span;
import java.util.List;
import java.util.Objects;

/** A statement of a query text. */
public sealed interface Statement extends SyntaxNode {

    /** {@code let name = value}; the value is scalar, tabular or a function literal. */
    record Let(Identifier name, Expression value, Span span) implements Statement {
        public Let {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A tabular or scalar expression whose result is the query's output. */
    record Query(Expression expression, Span span) implements Statement {
        public Query {
            Objects.requireNonNull(expression, "expression");
        }
    }

    /** {@code declare query_parameters (name:type [= default], ...)}. */
    record DeclareQueryParameters(List<Parts.Parameter> parameters, Span span) implements Statement {
        public DeclareQueryParameters {
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * {@code declare pattern name [= (args)[path] { ... }]}: kept as its name and the raw text of its
     * definition, since pattern definitions are a small language of their own that no engine runs yet.
     */
    record DeclarePattern(Identifier name, String definition, Span span) implements Statement {
        public DeclarePattern {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(definition, "definition");
        }
    }

    /** {@code set name [= value]}: a request property. */
    record Set(Identifier name, Expression value, Span span) implements Statement {
        public Set {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code alias database name = cluster(...).database(...)}. */
    record Alias(Identifier name, Expression target, Span span) implements Statement {
        public Alias {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
        }
    }

    /** {@code restrict access to (names)}. */
    record RestrictAccess(List<Expression> entities, Span span) implements Statement {
        public RestrictAccess {
            entities = List.copyOf(entities);
        }
    }

    /** What the parser kept of a statement it could not read; a diagnostic says why. */
    record Error(Span span) implements Statement {
    }
}
