package dev.trawl.kql.syntax.ast;

import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.syntax.ast.Parts.ColumnDeclaration;
import dev.trawl.kql.syntax.ast.Parts.ForkBranch;
import dev.trawl.kql.syntax.ast.Parts.MakeSeriesAggregate;
import dev.trawl.kql.syntax.ast.Parts.MvExpandItem;
import dev.trawl.kql.syntax.ast.Parts.NamePattern;
import dev.trawl.kql.syntax.ast.Parts.NamedExpression;
import dev.trawl.kql.syntax.ast.Parts.OperatorParameter;
import dev.trawl.kql.syntax.ast.Parts.ParsePatternPart;
import dev.trawl.kql.syntax.ast.Parts.Rename;
import dev.trawl.kql.syntax.ast.Parts.ScanStep;
import dev.trawl.kql.syntax.ast.Parts.SortKey;
import dev.trawl.kql.syntax.ast.Parts.TabularSchema;
import dev.trawl.kql.syntax.ast.Parts.TopNestedLevel;
import java.util.List;
import java.util.Objects;

/**
 * A tabular operator as written after a {@code |} (or, for source operators, at the start of a
 * pipeline). Fields that may be absent from the text are null; lists are never null. {@code keyword}
 * fields keep the spelling used where KQL has synonyms ({@code where}/{@code filter},
 * {@code sort}/{@code order}, {@code take}/{@code limit}, {@code mv-expand}/{@code mvexpand},
 * {@code parse}/{@code parse-where}).
 */
public sealed interface TabularOperator extends SyntaxNode {

    /**
     * {@code where predicate}. The predicate is a named expression because Kusto accepts
     * {@code where A = B}, which filters on {@code B} (the parser warns about it).
     */
    record Where(String keyword, List<OperatorParameter> parameters, NamedExpression predicate, Span span)
            implements TabularOperator {
        public Where {
            Objects.requireNonNull(keyword, "keyword");
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(predicate, "predicate");
        }
    }

    record Extend(List<NamedExpression> columns, Span span) implements TabularOperator {
        public Extend {
            columns = List.copyOf(columns);
        }
    }

    record Project(List<NamedExpression> columns, Span span) implements TabularOperator {
        public Project {
            columns = List.copyOf(columns);
        }
    }

    record ProjectAway(List<NamePattern> columns, Span span) implements TabularOperator {
        public ProjectAway {
            columns = List.copyOf(columns);
        }
    }

    record ProjectKeep(List<NamePattern> columns, Span span) implements TabularOperator {
        public ProjectKeep {
            columns = List.copyOf(columns);
        }
    }

    record ProjectRename(List<Rename> renames, Span span) implements TabularOperator {
        public ProjectRename {
            renames = List.copyOf(renames);
        }
    }

    /** {@code project-reorder Col [asc|desc|granny-asc|granny-desc], ...}; the order may be null. */
    record ProjectReorder(List<NamePattern> columns, List<Identifier> orders, Span span)
            implements TabularOperator {
        public ProjectReorder {
            columns = List.copyOf(columns);
            orders = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(orders));
            if (columns.size() != orders.size()) {
                throw new IllegalArgumentException("one order slot per column");
            }
        }
    }

    record ProjectByNames(List<Expression> columns, Span span) implements TabularOperator {
        public ProjectByNames {
            columns = List.copyOf(columns);
        }
    }

    record Summarize(List<OperatorParameter> parameters, List<NamedExpression> aggregates,
                     List<NamedExpression> by, Span span) implements TabularOperator {
        public Summarize {
            parameters = List.copyOf(parameters);
            aggregates = List.copyOf(aggregates);
            by = List.copyOf(by);
        }
    }

    /**
     * {@code make-series}: {@code on axis [from a] [to b] step s} or, with {@code inRange}, the legacy
     * {@code on axis in range(from, to, step)}. from/to may be null in the first form.
     */
    record MakeSeries(List<OperatorParameter> parameters, List<MakeSeriesAggregate> aggregates, Expression axis,
                      boolean inRange, Expression from, Expression to, Expression step,
                      List<NamedExpression> by, Span span) implements TabularOperator {
        public MakeSeries {
            parameters = List.copyOf(parameters);
            aggregates = List.copyOf(aggregates);
            Objects.requireNonNull(axis, "axis");
            Objects.requireNonNull(step, "step");
            by = List.copyOf(by);
        }
    }

    record MvExpand(String keyword, List<OperatorParameter> parameters, List<MvExpandItem> items,
                    Expression limit, Span span) implements TabularOperator {
        public MvExpand {
            Objects.requireNonNull(keyword, "keyword");
            parameters = List.copyOf(parameters);
            items = List.copyOf(items);
        }
    }

    /** {@code mv-apply [params] items [limit n] [id = ...] on (subquery)}. */
    record MvApply(String keyword, List<OperatorParameter> parameters, List<MvExpandItem> items, Expression limit,
                   Identifier contextId, Expression subquery, Span span) implements TabularOperator {
        public MvApply {
            Objects.requireNonNull(keyword, "keyword");
            parameters = List.copyOf(parameters);
            items = List.copyOf(items);
            Objects.requireNonNull(subquery, "subquery");
        }
    }

    /** {@code join [kind=...] [hints] (right) on conditions}; conditions are names or {@code $left.a == $right.b}. */
    record Join(List<OperatorParameter> parameters, Expression right, List<Expression> on, Span span)
            implements TabularOperator {
        public Join {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(right, "right");
            on = List.copyOf(on);
        }
    }

    record Lookup(List<OperatorParameter> parameters, Expression right, List<Expression> on, Span span)
            implements TabularOperator {
        public Lookup {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(right, "right");
            on = List.copyOf(on);
        }
    }

    record Union(List<OperatorParameter> parameters, List<Expression> tables, Span span) implements TabularOperator {
        public Union {
            parameters = List.copyOf(parameters);
            tables = List.copyOf(tables);
        }
    }

    record Sort(String keyword, List<OperatorParameter> parameters, List<SortKey> keys, Span span)
            implements TabularOperator {
        public Sort {
            Objects.requireNonNull(keyword, "keyword");
            parameters = List.copyOf(parameters);
            keys = List.copyOf(keys);
        }
    }

    record Top(List<OperatorParameter> parameters, Expression count, SortKey by, Span span) implements TabularOperator {
        public Top {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(by, "by");
        }
    }

    record TopNested(List<TopNestedLevel> levels, Span span) implements TabularOperator {
        public TopNested {
            levels = List.copyOf(levels);
        }
    }

    /** {@code top-hitters N of expr [by expr]}. */
    record TopHitters(Expression count, Expression of, Expression by, Span span) implements TabularOperator {
        public TopHitters {
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(of, "of");
        }
    }

    record Take(String keyword, List<OperatorParameter> parameters, Expression count, Span span)
            implements TabularOperator {
        public Take {
            Objects.requireNonNull(keyword, "keyword");
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(count, "count");
        }
    }

    /** {@code distinct col, ...} or {@code distinct *} (a single {@link Expression.Star}). */
    record Distinct(List<OperatorParameter> parameters, List<NamedExpression> columns, Span span)
            implements TabularOperator {
        public Distinct {
            parameters = List.copyOf(parameters);
            columns = List.copyOf(columns);
        }
    }

    record Count(Span span) implements TabularOperator {
    }

    record As(List<OperatorParameter> parameters, Identifier name, Span span) implements TabularOperator {
        public As {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(name, "name");
        }
    }

    record Parse(String keyword, List<OperatorParameter> parameters, Expression source,
                 List<ParsePatternPart> pattern, Span span) implements TabularOperator {
        public Parse {
            Objects.requireNonNull(keyword, "keyword");
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(source, "source");
            pattern = List.copyOf(pattern);
        }
    }

    /** {@code parse-kv expr as (schema) [with (options)]}. */
    record ParseKv(Expression source, TabularSchema schema, List<OperatorParameter> options, Span span)
            implements TabularOperator {
        public ParseKv {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(schema, "schema");
            options = List.copyOf(options);
        }
    }

    /** {@code evaluate [hints] plugin(args) [: (output schema)]}; the schema may be null. */
    record Evaluate(List<OperatorParameter> parameters, Expression.Call plugin, TabularSchema outputSchema, Span span)
            implements TabularOperator {
        public Evaluate {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(plugin, "plugin");
        }
    }

    record Invoke(Expression.Call function, Span span) implements TabularOperator {
        public Invoke {
            Objects.requireNonNull(function, "function");
        }
    }

    /** {@code render chart [with (property = value, ...)]} (also the legacy form without {@code with}). */
    record Render(Identifier chart, boolean withClause, List<OperatorParameter> properties, Span span)
            implements TabularOperator {
        public Render {
            Objects.requireNonNull(chart, "chart");
            properties = List.copyOf(properties);
        }
    }

    record Range(Identifier column, Expression from, Expression to, Expression step, Span span)
            implements TabularOperator {
        public Range {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(step, "step");
        }
    }

    record Print(List<NamedExpression> columns, Span span) implements TabularOperator {
        public Print {
            columns = List.copyOf(columns);
        }
    }

    /** {@code datatable [params] (schema) [values]}: values row-major. */
    record Datatable(List<OperatorParameter> parameters, List<ColumnDeclaration> schema, List<Expression> values,
                     Span span) implements TabularOperator {
        public Datatable {
            parameters = List.copyOf(parameters);
            schema = List.copyOf(schema);
            values = List.copyOf(values);
        }
    }

    /** {@code externaldata (schema) [uris] [with (options)]}. */
    record ExternalData(String keyword, List<ColumnDeclaration> schema, List<Expression> uris,
                        List<OperatorParameter> options, Span span) implements TabularOperator {
        public ExternalData {
            Objects.requireNonNull(keyword, "keyword");
            schema = List.copyOf(schema);
            uris = List.copyOf(uris);
            options = List.copyOf(options);
        }
    }

    /** {@code search [kind=...] [in (tables)] predicate}. */
    record Search(List<OperatorParameter> parameters, List<Expression> tables, Expression predicate, Span span)
            implements TabularOperator {
        public Search {
            parameters = List.copyOf(parameters);
            tables = List.copyOf(tables);
            Objects.requireNonNull(predicate, "predicate");
        }
    }

    /** {@code find [params] [in (tables)] where predicate [project-smart | project cols]}. */
    record Find(List<OperatorParameter> parameters, List<Expression> tables, Expression predicate,
                String projection, List<NamedExpression> projectColumns, Span span) implements TabularOperator {
        public Find {
            parameters = List.copyOf(parameters);
            tables = List.copyOf(tables);
            Objects.requireNonNull(predicate, "predicate");
            projectColumns = List.copyOf(projectColumns);
        }
    }

    record Sample(List<OperatorParameter> parameters, Expression count, Span span) implements TabularOperator {
        public Sample {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(count, "count");
        }
    }

    record SampleDistinct(List<OperatorParameter> parameters, Expression count, Expression of, Span span)
            implements TabularOperator {
        public SampleDistinct {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(of, "of");
        }
    }

    record Serialize(List<NamedExpression> columns, Span span) implements TabularOperator {
        public Serialize {
            columns = List.copyOf(columns);
        }
    }

    /** {@code scan [with_match_id=x] [declare (params)] with (steps)}. */
    record Scan(List<OperatorParameter> parameters, List<Parts.Parameter> declarations, List<ScanStep> steps,
                Span span) implements TabularOperator {
        public Scan {
            parameters = List.copyOf(parameters);
            declarations = List.copyOf(declarations);
            steps = List.copyOf(steps);
        }
    }

    /** {@code partition [params] by column (subquery)} or {@code { subquery }} (braces: {@code braced}). */
    record Partition(List<OperatorParameter> parameters, Expression by, boolean braced, Expression subquery, Span span)
            implements TabularOperator {
        public Partition {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(subquery, "subquery");
        }
    }

    record Fork(List<ForkBranch> branches, Span span) implements TabularOperator {
        public Fork {
            branches = List.copyOf(branches);
        }
    }

    /** {@code facet by col, ... [with (subquery)]}; the subquery may be null. */
    record Facet(List<Expression> by, Expression with, Span span) implements TabularOperator {
        public Facet {
            by = List.copyOf(by);
        }
    }

    record GetSchema(Span span) implements TabularOperator {
    }

    record Consume(List<OperatorParameter> parameters, Span span) implements TabularOperator {
        public Consume {
            parameters = List.copyOf(parameters);
        }
    }

    /** {@code reduce [kind=...] by expr [with threshold=..., characters=...]}. */
    record Reduce(List<OperatorParameter> parameters, Expression by, List<OperatorParameter> options, Span span)
            implements TabularOperator {
        public Reduce {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(by, "by");
            options = List.copyOf(options);
        }
    }

    /** What the parser kept of an operator it could not read; a diagnostic says why. */
    record Error(Span span) implements TabularOperator {
    }
}
