package dev.trawl.hunt.lint;

import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.TabularOperator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tabular expression read as what it starts from and the operators applied to it, first to last:
 * {@code (T | where x) | project y} is {@code T} with {@code [where x, project y]}. The checks walk the
 * operators backwards from a join or make-series to learn where a column came from.
 */
record Pipeline(Expression source, List<TabularOperator> operators) {
    Pipeline {
        operators = List.copyOf(operators);
    }

    static Pipeline of(Expression expression) {
        List<TabularOperator> reversed = new ArrayList<>();
        Expression current = expression;
        while (true) {
            if (current instanceof Expression.Pipe pipe) {
                reversed.add(pipe.operator());
                current = pipe.source();
            } else if (current instanceof Expression.Parenthesized parenthesized) {
                current = parenthesized.inner();
            } else {
                break;
            }
        }
        Collections.reverse(reversed);
        return new Pipeline(current, reversed);
    }

    /**
     * What a pipeline's source stands for: a let's value (to follow further), a table, or something nothing
     * can be said about (a function parameter, a call, a literal table).
     */
    sealed interface Origin permits LetValue, Table, Opaque {
    }

    record LetValue(Expression value, Lets scope) implements Origin {
    }

    record Table(String name) implements Origin {
    }

    record Opaque() implements Origin {
    }

    /** Where {@code source} reads from, seen from a place whose lets are {@code lets}. */
    static Origin resolve(Expression source, Lets lets) {
        return switch (source) {
            case Expression.Name name -> {
                Lets.Binding binding = lets.get(name.identifier().name());
                if (binding == null) {
                    yield new Table(name.identifier().name());
                }
                yield binding.opaque() || binding.value() instanceof Expression.FunctionLiteral
                        ? new Opaque() : new LetValue(binding.value(), binding.scope());
            }
            // materialize(x) caches x; its rows are x's.
            case Expression.Call call when call.function() instanceof Expression.Name function
                    && function.identifier().name().equals("materialize") && call.arguments().size() == 1
                    && call.arguments().get(0) instanceof Expression.Positional argument ->
                    new LetValue(argument.value(), lets);
            default -> new Opaque();
        };
    }

    /**
     * The name Kusto gives the column an expression makes when no name is written: a column keeps its
     * name, {@code a.b} and {@code a['b']} become {@code a_b}; null for anything else.
     */
    static String implicitName(Expression value) {
        return switch (value) {
            case Expression.Name name -> name.identifier().name();
            case Expression.Member member -> {
                String target = implicitName(member.target());
                yield target == null ? null : target + "_" + member.member().name();
            }
            case Expression.Index index when index.index() instanceof Expression.StringLiteral key -> {
                String target = implicitName(index.target());
                yield target == null ? null : target + "_" + key.value();
            }
            case Expression.Parenthesized parenthesized -> implicitName(parenthesized.inner());
            default -> null;
        };
    }

    /** The names of the columns a named expression makes: its written names, else its implicit name. */
    static List<String> outputNames(Parts.NamedExpression item) {
        if (!item.names().isEmpty()) {
            return item.names().stream().map(identifier -> identifier.name()).toList();
        }
        String implicit = implicitName(item.value());
        return implicit == null ? List.of() : List.of(implicit);
    }

    /** The column name when {@code value} is a plain column reference, else null. */
    static String columnName(Expression value) {
        if (value instanceof Expression.Parenthesized parenthesized) {
            return columnName(parenthesized.inner());
        }
        return value instanceof Expression.Name name ? name.identifier().name() : null;
    }

    /**
     * Which item of a column list makes {@code column}: {@code found} when one does, and {@code from} the
     * column it copies ({@code project A}, {@code project B = A}), or null when it computes a new value.
     */
    record Produced(boolean found, String from) {
        static Produced by(List<Parts.NamedExpression> items, String column) {
            // The last item wins, as in Kusto's extend.
            for (int i = items.size() - 1; i >= 0; i--) {
                Parts.NamedExpression item = items.get(i);
                if (Pipeline.outputNames(item).contains(column)) {
                    return new Produced(true, item.tuple() ? null : Pipeline.columnName(item.value()));
                }
            }
            return new Produced(false, null);
        }
    }
}
