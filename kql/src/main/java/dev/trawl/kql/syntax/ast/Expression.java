package dev.trawl.kql.syntax.ast;

import dev.trawl.kql.syntax.Span;
import java.util.List;
import java.util.Objects;

/** A scalar or tabular expression. KQL shares one grammar for both; the binder tells them apart. */
public sealed interface Expression extends SyntaxNode {

    /**
     * A literal other than a string or dynamic: {@code 42}, {@code 1.5}, {@code true}, {@code 1h},
     * {@code datetime(2024-01-01)}, {@code guid(...)}, {@code long(null)}, {@code real(nan)}. The text is
     * kept exactly as written; {@link dev.trawl.kql.syntax.LiteralValues} turns it into a value.
     */
    record Literal(LiteralKind kind, String text, Span span) implements Expression {
        public Literal {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * One string value written as one or more adjacent literals ({@code 'a' "b" @'c'} is {@code "abc"});
     * {@code parts} keeps each literal's source text, {@code value} the decoded concatenation.
     */
    record StringLiteral(List<String> parts, String value, Span span) implements Expression {
        public StringLiteral {
            parts = List.copyOf(parts);
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code dynamic(...)}: the source text of the whole literal and its parsed value. */
    record DynamicLiteral(String text, Parts.DynamicValue value, Span span) implements Expression {
        public DynamicLiteral {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code typeof(long)} or {@code typeof(a:string, b:long)}. */
    record TypeOf(Parts.TypeSpec type, Span span) implements Expression {
        public TypeOf {
            Objects.requireNonNull(type, "type");
        }
    }

    /** A reference to a column, table, variable or function by name. */
    record Name(Identifier identifier, Span span) implements Expression {
        public Name {
            Objects.requireNonNull(identifier, "identifier");
        }
    }

    /** A wildcard table or column name such as {@code Sec*} (in {@code union}, {@code find}, {@code search}). */
    record Wildcard(Parts.NamePattern pattern, Span span) implements Expression {
        public Wildcard {
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** {@code *} as an argument: {@code arg_max(x, *)}, {@code count(*)}-style calls, {@code search *}. */
    record Star(Span span) implements Expression {
    }

    /** {@code f(a, b, name = c)}; the function is a name or a member access such as {@code cluster(x).database}. */
    record Call(Expression function, List<Argument> arguments, Span span) implements Expression {
        public Call {
            Objects.requireNonNull(function, "function");
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code target.member} (a bag property, or {@code $left.Key} in a join condition). */
    record Member(Expression target, Identifier member, Span span) implements Expression {
        public Member {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(member, "member");
        }
    }

    /** {@code target[index]}: {@code x['a']}, {@code x[0]}, {@code x[-1]}. */
    record Index(Expression target, Expression index, Span span) implements Expression {
        public Index {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(index, "index");
        }
    }

    /** {@code -x} or {@code +x}. */
    record Unary(UnaryOperator operator, Expression operand, Span span) implements Expression {
        public Unary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(operand, "operand");
        }
    }

    /** An infix operator with two operands, including every string operator such as {@code has_cs}. */
    record Binary(BinaryOperator operator, Expression left, Expression right, Span span) implements Expression {
        public Binary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /**
     * {@code x in (a, b)}, {@code !in}, {@code in~}, {@code !in~}, {@code has_any}, {@code has_all} and
     * the other set operators: the right side is a list (possibly one tabular or dynamic expression).
     */
    record InList(ListOperator operator, Expression left, List<Expression> values, Span span) implements Expression {
        public InList {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            values = List.copyOf(values);
        }
    }

    /** {@code x between (low .. high)} and {@code !between}. */
    record Between(Expression value, Expression low, Expression high, boolean negated, Span span)
            implements Expression {
        public Between {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
        }
    }

    /** An expression in parentheses, kept so the tree says what was written. */
    record Parenthesized(Expression inner, Span span) implements Expression {
        public Parenthesized {
            Objects.requireNonNull(inner, "inner");
        }
    }

    /** {@code source | operator}: the tabular pipe. */
    record Pipe(Expression source, TabularOperator operator, Span span) implements Expression {
        public Pipe {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(operator, "operator");
        }
    }

    /**
     * A tabular operator that starts a pipeline on its own: {@code print}, {@code range},
     * {@code datatable}, {@code union}, {@code search}, {@code find}, {@code externaldata},
     * {@code evaluate}.
     */
    record Source(TabularOperator operator, Span span) implements Expression {
        public Source {
            Objects.requireNonNull(operator, "operator");
        }
    }

    /**
     * The implicit input of a sub-query that starts with an operator, as inside {@code mv-apply ... on (...)},
     * {@code partition by x (...)}, {@code fork (...)} and {@code facet ... with (...)}. It has no text.
     */
    record ContextTable(Span span) implements Expression {
    }

    /** {@code (a:long, b:string = "x") { body }} and {@code view () { body }}. */
    record FunctionLiteral(boolean view, List<Parts.Parameter> parameters, Parts.FunctionBody body, Span span)
            implements Expression {
        public FunctionLiteral {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(body, "body");
        }
    }

    /** Comma-separated values of one option, as in {@code render timechart with (ycolumns = a, b)}. */
    record ValueList(List<Expression> values, Span span) implements Expression {
        public ValueList {
            values = List.copyOf(values);
        }
    }

    /** What the parser kept where it expected an expression and found none; a diagnostic says why. */
    record Error(Span span) implements Expression {
    }

    /** A call argument: an expression, or {@code name = expression}. */
    sealed interface Argument extends SyntaxNode permits Positional, NamedArgument {
    }

    record Positional(Expression value, Span span) implements Argument {
        public Positional {
            Objects.requireNonNull(value, "value");
        }
    }

    record NamedArgument(Identifier name, Expression value, Span span) implements Argument {
        public NamedArgument {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
