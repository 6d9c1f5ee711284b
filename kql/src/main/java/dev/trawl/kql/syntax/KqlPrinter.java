package dev.trawl.kql.syntax;

import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Identifier;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.Parts.ColumnDeclaration;
import dev.trawl.kql.syntax.ast.Parts.NamedExpression;
import dev.trawl.kql.syntax.ast.Parts.OperatorParameter;
import dev.trawl.kql.syntax.ast.Script;
import dev.trawl.kql.syntax.ast.Statement;
import dev.trawl.kql.syntax.ast.TabularOperator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Prints a syntax tree back as KQL text that parses to an equal tree (equal in
 * {@link SyntaxTrees#dump}). Comments and layout are not kept; literals keep their exact spelling.
 * Each statement goes on its own line, each tabular operator after a line break and {@code | }.
 */
public final class KqlPrinter {
    /** Words that would not read back as a name where a name is printed, so they are quoted as ['word']. */
    private static final Set<String> RESERVED = Set.of(
            "and", "or", "by", "on", "with", "of", "to", "from", "step", "default", "asc", "desc", "nulls", "true",
            "false", "let", "in", "between", "matches", "typeof", "dynamic", "datetime", "date", "timespan", "time",
            "guid", "print", "range", "datatable", "union", "search", "find", "externaldata", "external_data",
            "evaluate", "limit", "declare", "set", "alias", "restrict", "view", "has_any", "has_all", "in~", "like",
            "notlike", "likecs", "notlikecs", "containscs", "notcontains", "notcontainscs");

    private final StringBuilder out = new StringBuilder();

    private KqlPrinter() {
    }

    public static String print(Script script) {
        KqlPrinter printer = new KqlPrinter();
        printer.statements(script.statements(), ";\n");
        return printer.out.toString();
    }

    public static String print(Expression expression) {
        KqlPrinter printer = new KqlPrinter();
        printer.expression(expression);
        return printer.out.toString();
    }

    private void statements(List<Statement> statements, String separator) {
        for (int i = 0; i < statements.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            statement(statements.get(i));
        }
    }

    private void statement(Statement statement) {
        switch (statement) {
            case Statement.Let let -> {
                out.append("let ");
                name(let.name());
                out.append(" = ");
                expression(let.value());
            }
            case Statement.Query query -> expression(query.expression());
            case Statement.DeclareQueryParameters declare -> {
                out.append("declare query_parameters (");
                list(declare.parameters(), this::parameter);
                out.append(')');
            }
            case Statement.DeclarePattern pattern -> {
                out.append("declare pattern ");
                name(pattern.name());
                if (!pattern.definition().isEmpty()) {
                    out.append(' ').append(pattern.definition());
                }
            }
            case Statement.Set set -> {
                out.append("set ").append(set.name().name());
                if (set.value() != null) {
                    out.append(" = ");
                    expression(set.value());
                }
            }
            case Statement.Alias alias -> {
                out.append("alias database ");
                name(alias.name());
                out.append(" = ");
                expression(alias.target());
            }
            case Statement.RestrictAccess restrict -> {
                out.append("restrict access to (");
                list(restrict.entities(), this::expression);
                out.append(')');
            }
            case Statement.Error error -> out.append("<error>");
        }
    }

    private void expression(Expression expression) {
        switch (expression) {
            case Expression.Literal literal -> out.append(literal.text());
            case Expression.StringLiteral string -> out.append(String.join(" ", string.parts()));
            case Expression.DynamicLiteral dynamic -> out.append(dynamic.text());
            case Expression.TypeOf typeOf -> {
                out.append("typeof(");
                switch (typeOf.type()) {
                    case Parts.ScalarType scalar -> out.append(scalar.name().name());
                    case Parts.TabularSchema schema -> schemaColumns(schema.columns(), schema.open());
                }
                out.append(')');
            }
            case Expression.Name name -> name(name.identifier());
            case Expression.Wildcard wildcard -> out.append(wildcard.pattern().text());
            case Expression.Star star -> out.append('*');
            case Expression.Call call -> {
                if (call.function() instanceof Expression.Name function) {
                    // A function name is read as one before '(', whatever the word.
                    out.append(function.identifier().name());
                } else {
                    expression(call.function());
                }
                out.append('(');
                list(call.arguments(), argument -> {
                    switch (argument) {
                        case Expression.Positional positional -> expression(positional.value());
                        case Expression.NamedArgument named -> {
                            out.append(named.name().name()).append(" = ");
                            expression(named.value());
                        }
                    }
                });
                out.append(')');
            }
            case Expression.Member member -> {
                expression(member.target());
                String memberName = member.member().name();
                if (isPlainName(memberName) || Lexer.HYPHENATED_KEYWORDS.contains(memberName)) {
                    out.append('.').append(memberName);
                } else {
                    out.append('[').append(StringLiterals.quote(member.member().name())).append(']');
                }
            }
            case Expression.Index index -> {
                expression(index.target());
                out.append('[');
                expression(index.index());
                out.append(']');
            }
            case Expression.Unary unary -> {
                out.append(unary.operator().text());
                int mark = out.length();
                expression(unary.operand());
                if (out.length() > mark && (out.charAt(mark) == '-' || out.charAt(mark) == '+')) {
                    out.insert(mark, ' ');
                }
            }
            case Expression.Binary binary -> {
                operand(binary.left(), binary.operator().precedence(), false);
                out.append(' ').append(binary.operator().text()).append(' ');
                operand(binary.right(), binary.operator().precedence(), true);
            }
            case Expression.InList in -> {
                operand(in.left(), dev.trawl.kql.syntax.ast.BinaryOperator.EQUALITY_LEVEL, false);
                out.append(' ').append(in.operator().text()).append(" (");
                list(in.values(), this::expression);
                out.append(')');
            }
            case Expression.Between between -> {
                operand(between.value(), dev.trawl.kql.syntax.ast.BinaryOperator.EQUALITY_LEVEL, false);
                out.append(between.negated() ? " !between (" : " between (");
                expression(between.low());
                out.append(" .. ");
                expression(between.high());
                out.append(')');
            }
            case Expression.Parenthesized parenthesized -> {
                out.append('(');
                expression(parenthesized.inner());
                out.append(')');
            }
            case Expression.Pipe pipe -> {
                if (!(pipe.source() instanceof Expression.ContextTable)) {
                    expression(pipe.source());
                    out.append("\n| ");
                }
                operator(pipe.operator());
            }
            case Expression.Source sourceOperator -> operator(sourceOperator.operator());
            case Expression.ContextTable context -> {
            }
            case Expression.FunctionLiteral function -> {
                if (function.view()) {
                    out.append("view ");
                }
                out.append('(');
                list(function.parameters(), this::parameter);
                out.append(") { ");
                statements(function.body().statements(), "; ");
                out.append(" }");
            }
            case Expression.ValueList values -> list(values.values(), this::expression);
            case Expression.Error error -> out.append("<error>");
        }
    }

    /** An operand, parenthesised only if the tree (not built by the parser) would otherwise read back differently. */
    private void operand(Expression operand, int parentPrecedence, boolean right) {
        int precedence = precedence(operand);
        boolean wrap = precedence < parentPrecedence || (right && precedence == parentPrecedence);
        if (wrap) {
            out.append('(');
        }
        expression(operand);
        if (wrap) {
            out.append(')');
        }
    }

    private static int precedence(Expression expression) {
        return switch (expression) {
            case Expression.Binary binary -> binary.operator().precedence();
            case Expression.InList in -> dev.trawl.kql.syntax.ast.BinaryOperator.EQUALITY_LEVEL;
            case Expression.Between between -> dev.trawl.kql.syntax.ast.BinaryOperator.EQUALITY_LEVEL;
            case Expression.Pipe pipe -> 0;
            default -> Integer.MAX_VALUE;
        };
    }

    private void operator(TabularOperator operator) {
        switch (operator) {
            case TabularOperator.Where where -> {
                out.append(where.keyword());
                parameters(where.parameters());
                out.append(' ');
                named(where.predicate());
            }
            case TabularOperator.Extend extend -> {
                out.append("extend ");
                list(extend.columns(), this::named);
            }
            case TabularOperator.Project project -> {
                out.append("project ");
                list(project.columns(), this::named);
            }
            case TabularOperator.ProjectAway away -> {
                out.append("project-away ");
                list(away.columns(), this::pattern);
            }
            case TabularOperator.ProjectKeep keep -> {
                out.append("project-keep ");
                list(keep.columns(), this::pattern);
            }
            case TabularOperator.ProjectRename rename -> {
                out.append("project-rename ");
                list(rename.renames(), item -> {
                    name(item.newName());
                    out.append(" = ");
                    name(item.oldName());
                });
            }
            case TabularOperator.ProjectReorder reorder -> {
                out.append("project-reorder ");
                for (int i = 0; i < reorder.columns().size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    pattern(reorder.columns().get(i));
                    Identifier order = reorder.orders().get(i);
                    if (order != null) {
                        out.append(' ').append(order.name());
                    }
                }
            }
            case TabularOperator.ProjectByNames byNames -> {
                out.append("project-by-names ");
                list(byNames.columns(), this::expression);
            }
            case TabularOperator.Summarize summarize -> {
                out.append("summarize");
                parameters(summarize.parameters());
                if (!summarize.aggregates().isEmpty()) {
                    out.append(' ');
                    list(summarize.aggregates(), this::named);
                }
                if (!summarize.by().isEmpty()) {
                    out.append(" by ");
                    list(summarize.by(), this::named);
                }
            }
            case TabularOperator.MakeSeries series -> {
                out.append("make-series");
                parameters(series.parameters());
                out.append(' ');
                list(series.aggregates(), aggregate -> {
                    named(aggregate.aggregate());
                    if (aggregate.defaultValue() != null) {
                        out.append(" default = ");
                        expression(aggregate.defaultValue());
                    }
                });
                out.append(" on ");
                expression(series.axis());
                if (series.inRange()) {
                    out.append(" in range(");
                    expression(series.from());
                    out.append(", ");
                    expression(series.to());
                    out.append(", ");
                    expression(series.step());
                    out.append(')');
                } else {
                    if (series.from() != null) {
                        out.append(" from ");
                        expression(series.from());
                    }
                    if (series.to() != null) {
                        out.append(" to ");
                        expression(series.to());
                    }
                    out.append(" step ");
                    expression(series.step());
                }
                if (!series.by().isEmpty()) {
                    out.append(" by ");
                    list(series.by(), this::named);
                }
            }
            case TabularOperator.MvExpand expand -> {
                out.append(expand.keyword());
                parameters(expand.parameters());
                out.append(' ');
                list(expand.items(), this::mvItem);
                if (expand.limit() != null) {
                    out.append(" limit ");
                    expression(expand.limit());
                }
            }
            case TabularOperator.MvApply apply -> {
                out.append(apply.keyword());
                parameters(apply.parameters());
                out.append(' ');
                list(apply.items(), this::mvItem);
                if (apply.limit() != null) {
                    out.append(" limit ");
                    expression(apply.limit());
                }
                if (apply.contextId() != null) {
                    out.append(" id = ");
                    name(apply.contextId());
                }
                out.append(" on (");
                expression(apply.subquery());
                out.append(')');
            }
            case TabularOperator.Join join -> {
                out.append("join");
                parameters(join.parameters());
                out.append(' ');
                expression(join.right());
                if (!join.on().isEmpty()) {
                    out.append(" on ");
                    list(join.on(), this::expression);
                }
            }
            case TabularOperator.Lookup lookup -> {
                out.append("lookup");
                parameters(lookup.parameters());
                out.append(' ');
                expression(lookup.right());
                out.append(" on ");
                list(lookup.on(), this::expression);
            }
            case TabularOperator.Union union -> {
                out.append("union");
                parameters(union.parameters());
                out.append(' ');
                list(union.tables(), this::expression);
            }
            case TabularOperator.Sort sort -> {
                out.append(sort.keyword());
                parameters(sort.parameters());
                out.append(" by ");
                list(sort.keys(), this::sortKey);
            }
            case TabularOperator.Top top -> {
                out.append("top");
                parameters(top.parameters());
                out.append(' ');
                expression(top.count());
                out.append(" by ");
                sortKey(top.by());
            }
            case TabularOperator.TopNested nested -> list(nested.levels(), level -> {
                out.append("top-nested ");
                if (level.count() != null) {
                    expression(level.count());
                    out.append(' ');
                }
                out.append("of ");
                named(level.of());
                if (level.others() != null) {
                    out.append(" with others = ");
                    expression(level.others());
                }
                out.append(" by ");
                named(level.by());
                if (level.direction() != null) {
                    out.append(' ').append(level.direction().name().toLowerCase(java.util.Locale.ROOT));
                }
            });
            case TabularOperator.TopHitters hitters -> {
                out.append("top-hitters ");
                expression(hitters.count());
                out.append(" of ");
                expression(hitters.of());
                if (hitters.by() != null) {
                    out.append(" by ");
                    expression(hitters.by());
                }
            }
            case TabularOperator.Take take -> {
                out.append(take.keyword());
                parameters(take.parameters());
                out.append(' ');
                expression(take.count());
            }
            case TabularOperator.Distinct distinct -> {
                out.append("distinct");
                parameters(distinct.parameters());
                out.append(' ');
                list(distinct.columns(), this::named);
            }
            case TabularOperator.Count count -> out.append("count");
            case TabularOperator.As as -> {
                out.append("as");
                parameters(as.parameters());
                out.append(' ');
                name(as.name());
            }
            case TabularOperator.Parse parse -> {
                out.append(parse.keyword());
                parameters(parse.parameters());
                out.append(' ');
                expression(parse.source());
                out.append(" with");
                for (Parts.ParsePatternPart part : parse.pattern()) {
                    out.append(' ');
                    switch (part) {
                        case Parts.ParseText textPart -> expression(textPart.text());
                        case Parts.ParseStar star -> out.append('*');
                        case Parts.ParseColumn column -> {
                            name(column.name());
                            if (column.type() != null) {
                                out.append(':').append(column.type().name().name());
                            }
                        }
                    }
                }
            }
            case TabularOperator.ParseKv parseKv -> {
                out.append("parse-kv ");
                expression(parseKv.source());
                out.append(" as ");
                schema(parseKv.schema());
                if (!parseKv.options().isEmpty()) {
                    out.append(" with ");
                    optionList(parseKv.options());
                }
            }
            case TabularOperator.Evaluate evaluate -> {
                out.append("evaluate");
                parameters(evaluate.parameters());
                out.append(' ');
                expression(evaluate.plugin());
                if (evaluate.outputSchema() != null) {
                    out.append(" : ");
                    schema(evaluate.outputSchema());
                }
            }
            case TabularOperator.Invoke invoke -> {
                out.append("invoke ");
                expression(invoke.function());
            }
            case TabularOperator.Render render -> {
                out.append("render ").append(render.chart().name());
                if (render.withClause()) {
                    out.append(" with ");
                    optionList(render.properties());
                } else {
                    for (OperatorParameter property : render.properties()) {
                        out.append(' ');
                        option(property);
                    }
                }
            }
            case TabularOperator.Range range -> {
                out.append("range ");
                name(range.column());
                out.append(" from ");
                expression(range.from());
                out.append(" to ");
                expression(range.to());
                out.append(" step ");
                expression(range.step());
            }
            case TabularOperator.Print print -> {
                out.append("print ");
                list(print.columns(), this::named);
            }
            case TabularOperator.Datatable datatable -> {
                out.append("datatable");
                parameters(datatable.parameters());
                out.append(" (");
                schemaColumns(datatable.schema(), false);
                out.append(") [");
                list(datatable.values(), this::expression);
                out.append(']');
            }
            case TabularOperator.ExternalData external -> {
                out.append(external.keyword()).append(" (");
                schemaColumns(external.schema(), false);
                out.append(") [");
                list(external.uris(), this::expression);
                out.append(']');
                if (!external.options().isEmpty()) {
                    out.append(" with ");
                    optionList(external.options());
                }
            }
            case TabularOperator.Search search -> {
                out.append("search");
                parameters(search.parameters());
                if (!search.tables().isEmpty()) {
                    out.append(" in (");
                    list(search.tables(), this::expression);
                    out.append(')');
                }
                out.append(' ');
                expression(search.predicate());
            }
            case TabularOperator.Find find -> {
                out.append("find");
                parameters(find.parameters());
                if (!find.tables().isEmpty()) {
                    out.append(" in (");
                    list(find.tables(), this::expression);
                    out.append(')');
                }
                out.append(" where ");
                expression(find.predicate());
                if (find.projection() != null) {
                    out.append(' ').append(find.projection());
                    if (!find.projectColumns().isEmpty()) {
                        out.append(' ');
                        list(find.projectColumns(), this::named);
                    }
                }
            }
            case TabularOperator.Sample sample -> {
                out.append("sample");
                parameters(sample.parameters());
                out.append(' ');
                expression(sample.count());
            }
            case TabularOperator.SampleDistinct sample -> {
                out.append("sample-distinct");
                parameters(sample.parameters());
                out.append(' ');
                expression(sample.count());
                out.append(" of ");
                expression(sample.of());
            }
            case TabularOperator.Serialize serialize -> {
                out.append("serialize");
                if (!serialize.columns().isEmpty()) {
                    out.append(' ');
                    list(serialize.columns(), this::named);
                }
            }
            case TabularOperator.Scan scan -> {
                out.append("scan");
                parameters(scan.parameters());
                if (!scan.declarations().isEmpty()) {
                    out.append(" declare (");
                    list(scan.declarations(), this::parameter);
                    out.append(')');
                }
                out.append(" with (");
                for (Parts.ScanStep step : scan.steps()) {
                    out.append(" step ");
                    name(step.name());
                    if (step.optional()) {
                        out.append(" optional");
                    }
                    if (step.output() != null) {
                        out.append(" output = ").append(step.output().name());
                    }
                    out.append(": ");
                    expression(step.condition());
                    if (!step.assignments().isEmpty()) {
                        out.append(" => ");
                        list(step.assignments(), this::named);
                    }
                    out.append(';');
                }
                out.append(" )");
            }
            case TabularOperator.Partition partition -> {
                out.append("partition");
                parameters(partition.parameters());
                out.append(" by ");
                expression(partition.by());
                out.append(partition.braced() ? " { " : " (");
                expression(partition.subquery());
                out.append(partition.braced() ? " }" : ")");
            }
            case TabularOperator.Fork fork -> {
                out.append("fork");
                for (Parts.ForkBranch branch : fork.branches()) {
                    out.append(' ');
                    if (branch.name() != null) {
                        name(branch.name());
                        out.append(" = ");
                    }
                    out.append('(');
                    expression(branch.query());
                    out.append(')');
                }
            }
            case TabularOperator.Facet facet -> {
                out.append("facet by ");
                list(facet.by(), this::expression);
                if (facet.with() != null) {
                    out.append(" with (");
                    expression(facet.with());
                    out.append(')');
                }
            }
            case TabularOperator.GetSchema getSchema -> out.append("getschema");
            case TabularOperator.Consume consume -> {
                out.append("consume");
                parameters(consume.parameters());
            }
            case TabularOperator.Reduce reduce -> {
                out.append("reduce");
                parameters(reduce.parameters());
                out.append(" by ");
                expression(reduce.by());
                if (!reduce.options().isEmpty()) {
                    out.append(" with ");
                    list(reduce.options(), this::option);
                }
            }
            case TabularOperator.Error error -> out.append("<error>");
        }
    }

    private void named(NamedExpression named) {
        if (named.tuple()) {
            out.append('(');
            list(named.names(), this::name);
            out.append(") = ");
        } else if (!named.names().isEmpty()) {
            name(named.names().get(0));
            out.append(" = ");
        }
        expression(named.value());
    }

    private void mvItem(Parts.MvExpandItem item) {
        named(item.value());
        if (item.toType() != null) {
            out.append(" to typeof(");
            switch (item.toType()) {
                case Parts.ScalarType scalar -> out.append(scalar.name().name());
                case Parts.TabularSchema schema -> schemaColumns(schema.columns(), schema.open());
            }
            out.append(')');
        }
    }

    private void sortKey(Parts.SortKey key) {
        expression(key.value());
        if (key.direction() != null) {
            out.append(key.direction() == Parts.SortDirection.ASC ? " asc" : " desc");
        }
        if (key.nulls() != null) {
            out.append(key.nulls() == Parts.NullsPlacement.FIRST ? " nulls first" : " nulls last");
        }
    }

    private void pattern(Parts.NamePattern pattern) {
        String text = pattern.text();
        if (pattern.isWildcard() || isPlainName(text) && !RESERVED.contains(text)) {
            out.append(text);
        } else {
            out.append('[').append(StringLiterals.quote(text)).append(']');
        }
    }

    private void parameters(List<OperatorParameter> parameters) {
        for (OperatorParameter parameter : parameters) {
            out.append(' ');
            option(parameter);
        }
    }

    private void option(OperatorParameter parameter) {
        out.append(parameter.name().name()).append('=');
        expression(parameter.value());
    }

    private void optionList(List<OperatorParameter> options) {
        out.append('(');
        list(options, this::option);
        out.append(')');
    }

    private void parameter(Parts.Parameter parameter) {
        name(parameter.name());
        out.append(':');
        switch (parameter.type()) {
            case Parts.ScalarType scalar -> out.append(scalar.name().name());
            case Parts.TabularSchema schema -> schema(schema);
        }
        if (parameter.defaultValue() != null) {
            out.append(" = ");
            expression(parameter.defaultValue());
        }
    }

    private void schema(Parts.TabularSchema schema) {
        out.append('(');
        schemaColumns(schema.columns(), schema.open());
        out.append(')');
    }

    private void schemaColumns(List<ColumnDeclaration> columns, boolean open) {
        list(columns, column -> {
            name(column.name());
            out.append(':').append(column.type().name().name());
        });
        if (open) {
            out.append(columns.isEmpty() ? "*" : ", *");
        }
    }

    private void name(Identifier identifier) {
        String name = identifier.name();
        if (isPlainName(name) && !RESERVED.contains(name)) {
            out.append(name);
        } else {
            out.append('[').append(StringLiterals.quote(name)).append(']');
        }
    }

    /** A name the lexer reads back as one identifier token: letters, digits and '_', not starting with a digit. */
    static boolean isPlainName(String name) {
        if (name.isEmpty() || !Lexer.isIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Lexer.isIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return !Lexer.HYPHENATED_KEYWORDS.contains(name);
    }

    private <T> void list(List<T> items, Consumer<T> printer) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            printer.accept(items.get(i));
        }
    }
}
