package dev.trawl.kql.syntax;

import dev.trawl.kql.syntax.ast.SyntaxNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A span-free structural rendering of a syntax tree: two trees with equal dumps say the same thing,
 * wherever their text was. Used to check that printing and re-parsing gives the same tree, and in
 * golden parse tests.
 */
public final class SyntaxTrees {
    private SyntaxTrees() {
    }

    public static String dump(SyntaxNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.toString();
    }

    public static boolean equalIgnoringSpans(SyntaxNode a, SyntaxNode b) {
        return dump(a).equals(dump(b));
    }

    /**
     * The node and every node below it, parents before children and children in the order of the record's
     * components (which is the order they were written in): for analyses that look for a kind of node anywhere.
     */
    public static List<SyntaxNode> descendants(SyntaxNode root) {
        List<SyntaxNode> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(SyntaxNode node, List<SyntaxNode> out) {
        out.add(node);
        for (SyntaxNode child : children(node)) {
            collect(child, out);
        }
    }

    /**
     * The nodes directly below {@code node}, in the order of its record components. Reading the components
     * keeps this right as the tree gains node kinds.
     */
    public static List<SyntaxNode> children(SyntaxNode node) {
        List<SyntaxNode> children = new ArrayList<>();
        if (!(node instanceof Record record)) {
            return children;
        }
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = read(component, record);
            if (value instanceof SyntaxNode child) {
                children.add(child);
            } else if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    if (item instanceof SyntaxNode child) {
                        children.add(child);
                    } else if (item instanceof Record nested) {
                        // Parts.DynamicProperty is a record but not a node; its value is.
                        for (RecordComponent inner : nested.getClass().getRecordComponents()) {
                            if (read(inner, nested) instanceof SyntaxNode child) {
                                children.add(child);
                            }
                        }
                    }
                }
            }
        }
        return children;
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            out.append(StringLiterals.quote(text));
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                append(out, item);
            }
            out.append(']');
        } else if (value instanceof Record record) {
            Class<?> type = record.getClass();
            String name = type.getName();
            out.append(name.substring(name.lastIndexOf('.') + 1).replace('$', '.')).append('(');
            boolean first = true;
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getType() == Span.class) {
                    continue;
                }
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(component.getName()).append('=');
                append(out, read(component, record));
            }
            out.append(')');
        } else {
            out.append(value);
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
