package dev.trawl.kql.syntax;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * What the parser promises for any input at all: it returns (no exception, no stack overflow), every
 * diagnostic's span lies inside the text and renders, and every span in the tree lies inside the text.
 */
final class ParserChecks {
    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].setAccessible(true);
            }
            return accessors;
        }
    };

    /** What a parse did, for statistics: whether it had errors and how many diagnostics. */
    record Outcome(String problem, boolean ok, int diagnostics) {
    }

    private ParserChecks() {
    }

    /** Parses {@code text} and returns why the parser broke its promise, or a null problem. */
    static Outcome check(String text) {
        SourceText source;
        ParseResult result;
        try {
            source = new SourceText("fuzz.kql", text);
            result = Parser.parse(source);
        } catch (Throwable t) {
            return new Outcome("Parser.parse threw " + stackTrace(t), false, 0);
        }
        if (result == null || result.script() == null) {
            return new Outcome("Parser.parse returned no result or no tree", false, 0);
        }
        int length = text.length();
        for (Diagnostic diagnostic : result.diagnostics()) {
            var span = diagnostic.span();
            if (span.start() < 0 || span.start() > span.end() || span.end() > length) {
                return new Outcome("diagnostic span " + span + " outside 0.." + length + ": " + diagnostic, false, 0);
            }
            try {
                DiagnosticRenderer.render(source, diagnostic);
            } catch (Throwable t) {
                return new Outcome("DiagnosticRenderer.render threw on " + diagnostic + ": " + stackTrace(t), false, 0);
            }
        }
        String tree = treeSpanProblem(result.script(), length);
        return new Outcome(tree, result.ok(), result.diagnostics().size());
    }

    /** Walks the tree without recursion (it may be millions deep) and checks every {@link Span} in it. */
    static String treeSpanProblem(Object root, int length) {
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Object node = pending.pop();
            if (node instanceof Span span) {
                if (span.end() > length) {
                    return "tree span " + span + " outside 0.." + length;
                }
            } else if (node instanceof Record record) {
                for (Method accessor : ACCESSORS.get(record.getClass())) {
                    Object child;
                    try {
                        child = accessor.invoke(record);
                    } catch (ReflectiveOperationException e) {
                        return "cannot read " + accessor + ": " + e;
                    }
                    if (child != null) {
                        pending.push(child);
                    }
                }
            } else if (node instanceof Collection<?> collection) {
                for (Object child : collection) {
                    if (child != null) {
                        pending.push(child);
                    }
                }
            } else if (node instanceof Map<?, ?> map) {
                for (Object child : map.values()) {
                    if (child != null) {
                        pending.push(child);
                    }
                }
            } else if (node instanceof Optional<?> optional) {
                optional.ifPresent(pending::push);
            }
        }
        return null;
    }

    /** The throwable and its first frames: a stack overflow's thousand identical frames say no more than 40. */
    static String stackTrace(Throwable t) {
        StringBuilder out = new StringBuilder(t.toString());
        StackTraceElement[] frames = t.getStackTrace();
        int shown = Math.min(frames.length, 40);
        for (int i = 0; i < shown; i++) {
            out.append("\n\tat ").append(frames[i]);
        }
        if (frames.length > shown) {
            out.append("\n\t... ").append(frames.length - shown).append(" more frames");
        }
        if (t.getCause() != null && t.getCause() != t) {
            out.append("\ncaused by ").append(stackTrace(t.getCause()));
        }
        return out.toString();
    }

    /** The text as a Java string literal body, so NULs, control characters and lone surrogates show. */
    static String escape(String text, int max) {
        StringBuilder out = new StringBuilder();
        int end = Math.min(text.length(), max);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
                    if (c < 0x20 || c == 0x7f || lone || (c >= 0x80 && c < 0xA0)) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > max) {
            out.append("... (").append(text.length() - max).append(" more chars)");
        }
        return out.toString();
    }
}
