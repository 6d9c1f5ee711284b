package dev.trawl.kql.syntax.ast;

import dev.trawl.kql.syntax.Span;
import java.util.List;
import java.util.Objects;

/** The pieces operators are made of: named expressions, parameters, sort keys, type specs, ... */
public final class Parts {
    private Parts() {
    }

    /**
     * An expression with an optional name: {@code x}, {@code n = x}, or the tuple form
     * {@code (a, b, c) = f(...)}. {@code names} is empty when no name was written.
     */
    public record NamedExpression(List<Identifier> names, boolean tuple, Expression value, Span span)
            implements SyntaxNode {
        public NamedExpression {
            names = List.copyOf(names);
            Objects.requireNonNull(value, "value");
        }
    }

    /** An operator option written {@code name=value}: {@code kind=inner}, {@code hint.strategy=shuffle}. */
    public record OperatorParameter(Identifier name, Expression value, Span span) implements SyntaxNode {
        public OperatorParameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public enum SortDirection { ASC, DESC }

    public enum NullsPlacement { FIRST, LAST }

    /** {@code expr [asc|desc] [nulls first|last]}; direction and nulls are null when not written. */
    public record SortKey(Expression value, SortDirection direction, NullsPlacement nulls, Span span)
            implements SyntaxNode {
        public SortKey {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A type as written in a schema, a parameter list or {@code typeof(...)}. */
    public sealed interface TypeSpec extends SyntaxNode permits ScalarType, TabularSchema {
    }

    /** A scalar type name such as {@code long} or its alias {@code int64}, as written. */
    public record ScalarType(Identifier name, Span span) implements TypeSpec {
        public ScalarType {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code (a:long, b:string)}, or {@code (*)} / {@code (a:long, *)} for an open tabular parameter. */
    public record TabularSchema(List<ColumnDeclaration> columns, boolean open, Span span) implements TypeSpec {
        public TabularSchema {
            columns = List.copyOf(columns);
        }
    }

    public record ColumnDeclaration(Identifier name, ScalarType type, Span span) implements SyntaxNode {
        public ColumnDeclaration {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** A function or query parameter: {@code name:type [= default]}; the default may be null. */
    public record Parameter(Identifier name, TypeSpec type, Expression defaultValue, Span span)
            implements SyntaxNode {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** The statements of a function body: zero or more {@code let}s and a final expression. */
    public record FunctionBody(List<Statement> statements, Span span) implements SyntaxNode {
        public FunctionBody {
            statements = List.copyOf(statements);
        }
    }

    /** {@code [name =] aggregate [default = value]} in make-series; the default may be null. */
    public record MakeSeriesAggregate(NamedExpression aggregate, Expression defaultValue, Span span)
            implements SyntaxNode {
        public MakeSeriesAggregate {
            Objects.requireNonNull(aggregate, "aggregate");
        }
    }

    /** {@code [name =] expr [to typeof(type)]} in mv-expand and mv-apply; the type may be null. */
    public record MvExpandItem(NamedExpression value, TypeSpec toType, Span span) implements SyntaxNode {
        public MvExpandItem {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code newName = oldName} in project-rename. */
    public record Rename(Identifier newName, Identifier oldName, Span span) implements SyntaxNode {
        public Rename {
            Objects.requireNonNull(newName, "newName");
            Objects.requireNonNull(oldName, "oldName");
        }
    }

    /** A column name or a wildcard pattern such as {@code Account*} ({@code project-away}, {@code union}). */
    public record NamePattern(String text, Span span) implements SyntaxNode {
        public NamePattern {
            Objects.requireNonNull(text, "text");
        }

        public boolean isWildcard() {
            return text.indexOf('*') >= 0;
        }
    }

    /** A part of a {@code parse ... with} pattern. */
    public sealed interface ParsePatternPart extends SyntaxNode permits ParseText, ParseStar, ParseColumn {
    }

    public record ParseText(Expression.StringLiteral text, Span span) implements ParsePatternPart {
        public ParseText {
            Objects.requireNonNull(text, "text");
        }
    }

    public record ParseStar(Span span) implements ParsePatternPart {
    }

    /** {@code name[:type]} in a parse pattern; the type may be null (string). */
    public record ParseColumn(Identifier name, ScalarType type, Span span) implements ParsePatternPart {
        public ParseColumn {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code step name [optional] [output=all|last|none]: condition [=> assignments]} of {@code scan}. */
    public record ScanStep(Identifier name, boolean optional, Identifier output, Expression condition,
                           List<NamedExpression> assignments, Span span) implements SyntaxNode {
        public ScanStep {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(condition, "condition");
            assignments = List.copyOf(assignments);
        }
    }

    /**
     * One level of {@code top-nested [N] of expr [with others = value] by aggregate [asc|desc]}; count and
     * others may be null.
     */
    public record TopNestedLevel(Expression count, NamedExpression of, Expression others, NamedExpression by,
                                 SortDirection direction, Span span) implements SyntaxNode {
        public TopNestedLevel {
            Objects.requireNonNull(of, "of");
            Objects.requireNonNull(by, "by");
        }
    }

    /** {@code [name =] (subquery)} of {@code fork}; the name may be null. */
    public record ForkBranch(Identifier name, Expression query, Span span) implements SyntaxNode {
        public ForkBranch {
            Objects.requireNonNull(query, "query");
        }
    }

    /** The value inside {@code dynamic(...)}: JSON extended with KQL's typed literals. */
    public sealed interface DynamicValue extends SyntaxNode
            permits DynamicNull, DynamicScalar, DynamicString, DynamicArray, DynamicObject {
    }

    public record DynamicNull(Span span) implements DynamicValue {
    }

    /** A number, bool, or typed literal such as {@code datetime(...)} or {@code 1h} inside a dynamic. */
    public record DynamicScalar(Expression.Literal literal, Span span) implements DynamicValue {
        public DynamicScalar {
            Objects.requireNonNull(literal, "literal");
        }
    }

    public record DynamicString(String value, Span span) implements DynamicValue {
        public DynamicString {
            Objects.requireNonNull(value, "value");
        }
    }

    public record DynamicArray(List<DynamicValue> elements, Span span) implements DynamicValue {
        public DynamicArray {
            elements = List.copyOf(elements);
        }
    }

    public record DynamicProperty(String key, DynamicValue value) {
        public DynamicProperty {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public record DynamicObject(List<DynamicProperty> properties, Span span) implements DynamicValue {
        public DynamicObject {
            properties = List.copyOf(properties);
        }
    }
}
