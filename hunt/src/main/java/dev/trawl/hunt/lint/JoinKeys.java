package dev.trawl.hunt.lint;

import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.syntax.ast.BinaryOperator;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.TabularOperator;
import java.util.ArrayList;
import java.util.List;

/** The keys of a join's {@code on} clause: {@code Key} (both sides) or {@code $left.A == $right.B}. */
final class JoinKeys {
    private JoinKeys() {
    }

    /** One equality of a join: the column on each side and where the condition is written. */
    record Key(String left, String right, Span span) {
    }

    /** The keys of {@code join}; null when a condition is of a form the checks do not read. */
    static List<Key> of(TabularOperator.Join join) {
        List<Key> keys = new ArrayList<>();
        for (Expression condition : join.on()) {
            Key key = key(condition);
            if (key == null) {
                return null;
            }
            keys.add(key);
        }
        return keys.isEmpty() ? null : keys;
    }

    private static Key key(Expression condition) {
        if (condition instanceof Expression.Name name) {
            return new Key(name.identifier().name(), name.identifier().name(), name.span());
        }
        if (condition instanceof Expression.Binary binary && binary.operator() == BinaryOperator.EQUAL) {
            String first = side(binary.left());
            String second = side(binary.right());
            String firstColumn = column(binary.left());
            String secondColumn = column(binary.right());
            if ("$left".equals(first) && "$right".equals(second)) {
                return new Key(firstColumn, secondColumn, binary.span());
            }
            if ("$right".equals(first) && "$left".equals(second)) {
                return new Key(secondColumn, firstColumn, binary.span());
            }
        }
        return null;
    }

    private static String side(Expression expression) {
        return expression instanceof Expression.Member member && member.target() instanceof Expression.Name name
                ? name.identifier().name() : null;
    }

    private static String column(Expression expression) {
        return expression instanceof Expression.Member member ? member.member().name() : null;
    }
}
