package dev.trawl.kql.bind;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.functions.FunctionCatalog;
import dev.trawl.kql.functions.FunctionSpec;
import dev.trawl.kql.plan.BoundExpression;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.syntax.Span;
import dev.trawl.kql.syntax.Suggestions;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Identifier;
import dev.trawl.kql.syntax.ast.LiteralKind;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.Script;
import dev.trawl.kql.syntax.ast.Statement;
import dev.trawl.kql.syntax.ast.TabularOperator;
import dev.trawl.kql.types.ScalarType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves the names of a parsed query and types its expressions, producing a {@link LogicalPlan} per
 * query statement. Errors become KQL2xxx diagnostics; a construct that is valid KQL but not run yet is
 * reported as {@link DiagnosticCode#NOT_SUPPORTED}, never approximated.
 */
public final class Binder {
    private final FunctionCatalog functions;
    /**
     * While an extend item is bound: the view it sees and how many of that view's first columns are the
     * extend's input row. pack_all() packs those only: it does not see the columns earlier items of the same
     * extend define (docs: pack-all-function.md, where PackedIgnoreNullEmpty does not hold Packed).
     */
    private LogicalPlan extendView;
    private int extendInputWidth;
    private final TableCatalog tables;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** Thrown to abandon the statement being bound; the diagnostic has been reported. */
    private static final class BindFailure extends RuntimeException {
        BindFailure() {
            super(null, null, false, false);
        }
    }

    /** What a name in scope stands for. */
    private sealed interface Binding {
    }

    private record ScalarBinding(BoundExpression value) implements Binding {
    }

    private record TabularBinding(LogicalPlan plan) implements Binding {
    }

    private record FunctionBinding(Expression.FunctionLiteral function, Scope scope) implements Binding {
    }

    /** A let whose value failed to bind: uses of the name are not reported again. */
    private record FailedBinding() implements Binding {
    }

    /** Let-bound names, innermost first. */
    private static final class Scope {
        private final Scope parent;
        private final Map<String, Binding> names = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Binding find(String name) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                Binding binding = scope.names.get(name);
                if (binding != null) {
                    return binding;
                }
            }
            return null;
        }

        Set<String> allNames() {
            Set<String> all = new HashSet<>();
            for (Scope scope = this; scope != null; scope = scope.parent) {
                all.addAll(scope.names.keySet());
            }
            return all;
        }
    }

    /** The result: a plan for each query statement (the last is the query's answer) and the diagnostics. */
    public record Result(List<LogicalPlan> plans, List<Diagnostic> diagnostics) {
        public Result {
            plans = List.copyOf(plans);
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean ok() {
            return diagnostics.stream().noneMatch(d -> d.severity() == dev.trawl.kql.diag.Severity.ERROR);
        }
    }

    private final DataDependentSchemas dataSchemas;
    private int contextTables;

    public Binder(FunctionCatalog functions, TableCatalog tables) {
        this(functions, tables, null);
    }

    /** A binder that can ask the engine for data-dependent schemas (bag_unpack). */
    public Binder(FunctionCatalog functions, TableCatalog tables, DataDependentSchemas dataSchemas) {
        this.functions = functions;
        this.tables = tables;
        this.dataSchemas = dataSchemas;
    }

    public Result bind(Script script) {
        Scope scope = new Scope(null);
        List<LogicalPlan> plans = new ArrayList<>();
        for (Statement statement : script.statements()) {
            try {
                switch (statement) {
                    case Statement.Let let -> {
                        try {
                            scope.names.put(let.name().name(), bindLetValue(let.value(), scope));
                        } catch (BindFailure failure) {
                            scope.names.put(let.name().name(), new FailedBinding());
                            throw failure;
                        }
                    }
                    case Statement.Query query -> plans.add(bindTabular(query.expression(), scope, null));
                    case Statement.Set set -> {
                        // Request properties change nothing Trawl evaluates yet; accepted and ignored.
                    }
                    case Statement.DeclareQueryParameters declare -> {
                        for (Parts.Parameter parameter : declare.parameters()) {
                            if (parameter.defaultValue() == null) {
                                throw fail(DiagnosticCode.NOT_SUPPORTED, parameter.span(),
                                        "query parameter '" + parameter.name().name() + "' has no default value "
                                                + "and Trawl cannot be given one yet");
                            }
                            scope.names.put(parameter.name().name(),
                                    new ScalarBinding(bindScalar(parameter.defaultValue(), scope, null)));
                        }
                    }
                    case Statement.DeclarePattern pattern -> throw fail(DiagnosticCode.NOT_SUPPORTED, pattern.span(),
                            "'declare pattern' is not supported yet");
                    case Statement.Alias alias -> throw fail(DiagnosticCode.NOT_SUPPORTED, alias.span(),
                            "'alias database' refers to a Kusto cluster; Trawl has none");
                    case Statement.RestrictAccess restrict -> {
                    }
                    case Statement.Error error -> {
                    }
                }
            } catch (BindFailure failure) {
                // Reported; go on to find the next statement's errors.
            }
        }
        return new Result(plans, diagnostics);
    }

    private Binding bindLetValue(Expression value, Scope scope) {
        if (value instanceof Expression.FunctionLiteral function) {
            return new FunctionBinding(function, scope);
        }
        if (isTabular(value, scope)) {
            return new TabularBinding(bindTabular(value, scope, null));
        }
        return new ScalarBinding(bindScalar(value, scope, null));
    }

    /** Whether an expression denotes a table (as opposed to a scalar), judged from its syntax and the scope. */
    private boolean isTabular(Expression expression, Scope scope) {
        return switch (expression) {
            case Expression.Pipe pipe -> true;
            case Expression.Source source -> true;
            case Expression.Parenthesized parenthesized -> isTabular(parenthesized.inner(), scope);
            case Expression.Name name -> {
                Binding binding = scope.find(name.identifier().name());
                yield binding instanceof TabularBinding
                        || (binding == null && tables.schema(name.identifier().name()) != null);
            }
            case Expression.Call call -> {
                if (call.function() instanceof Expression.Name name) {
                    String function = name.identifier().name();
                    if (function.equals("materialize") || function.equals("view") || function.equals("table")) {
                        yield true;
                    }
                    Binding binding = scope.find(function);
                    if (binding instanceof FunctionBinding user) {
                        List<Statement> body = user.function().body().statements();
                        Statement last = body.get(body.size() - 1);
                        yield last instanceof Statement.Query query && isTabular(query.expression(), scope);
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Tabular expressions

    private LogicalPlan bindTabular(Expression expression, Scope scope, LogicalPlan context) {
        return switch (expression) {
            case Expression.Pipe pipe -> {
                LogicalPlan input = bindTabular(pipe.source(), scope, context);
                yield bindOperator(pipe.operator(), input, scope);
            }
            case Expression.ContextTable contextTable -> {
                if (context == null) {
                    throw fail(DiagnosticCode.NOT_TABULAR, contextTable.span(), "a sub-query here has no input");
                }
                yield context;
            }
            case Expression.Source source -> bindSource(source.operator(), scope);
            case Expression.Parenthesized parenthesized -> bindTabular(parenthesized.inner(), scope, context);
            case Expression.Name name -> {
                String table = name.identifier().name();
                Binding binding = scope.find(table);
                if (binding instanceof TabularBinding tabular) {
                    yield tabular.plan();
                }
                if (binding instanceof FailedBinding) {
                    throw new BindFailure();
                }
                if (binding instanceof FunctionBinding function && function.function().parameters().isEmpty()) {
                    yield (LogicalPlan) invokeUserFunction(function, List.of(), name.span(), scope, true);
                }
                if (binding != null) {
                    throw fail(DiagnosticCode.NOT_TABULAR, name.span(), "'" + table + "' is a scalar, not a table");
                }
                Schema schema = tables.schema(table);
                if (schema == null) {
                    Set<String> known = new HashSet<>(tables.names());
                    known.addAll(scope.allNames());
                    throw unknown(name.identifier(), "table", known);
                }
                yield new LogicalPlan.TableScan(table, schema);
            }
            case Expression.Call call -> bindTabularCall(call, scope);
            default -> throw fail(DiagnosticCode.NOT_TABULAR, expression.span(), "expected a table here");
        };
    }

    private LogicalPlan bindTabularCall(Expression.Call call, Scope scope) {
        if (!(call.function() instanceof Expression.Name name)) {
            throw fail(DiagnosticCode.NOT_SUPPORTED, call.span(), "cross-cluster and database references are not supported");
        }
        String function = name.identifier().name();
        if (function.equals("materialize") && call.arguments().size() == 1) {
            return bindTabular(argumentValue(call.arguments().get(0)), scope, null);
        }
        Binding binding = scope.find(function);
        if (function.equals("table") && !(binding instanceof FunctionBinding)) {
            return bindTableFunction(call, scope);
        }
        if (binding instanceof FunctionBinding user) {
            Object result = invokeUserFunction(user, call.arguments(), call.span(), scope, true);
            if (result instanceof LogicalPlan plan) {
                return plan;
            }
        }
        throw fail(DiagnosticCode.NOT_TABULAR, call.span(), "'" + function + "(...)' is not a table");
    }

    /**
     * {@code table(TableName [, DataScope])}: the table of that name, else the data of a function of that name
     * that takes no arguments; anything else is a semantic error (Kusto docs, table() function, "Returns"). The
     * name must be constant where the call is bound: a literal, a let of one, or a function's string parameter
     * given one, the way hunting rules pass a table name into a function. A data scope (hotcache, all,
     * default) limits Kusto's data by its cache policy; the store has no cache tiers, so each reads all data.
     */
    private LogicalPlan bindTableFunction(Expression.Call call, Scope scope) {
        List<Expression.Argument> arguments = call.arguments();
        if (arguments.isEmpty() || arguments.size() > 2) {
            throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, call.span(), "table() takes a table name and an optional data scope");
        }
        String name = constantString(argumentValue(arguments.get(0)), scope, "table()'s table name");
        if (arguments.size() == 2) {
            String dataScope = constantString(argumentValue(arguments.get(1)), scope, "table()'s data scope");
            if (!List.of("hotcache", "all", "default").contains(dataScope)) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, argumentValue(arguments.get(1)).span(),
                        "a data scope is 'hotcache', 'all' or 'default', not '" + dataScope + "'");
            }
        }
        Schema schema = tables.schema(name);
        if (schema != null) {
            return new LogicalPlan.TableScan(name, schema);
        }
        if (scope.find(name) instanceof FunctionBinding function && function.function().parameters().isEmpty()) {
            return (LogicalPlan) invokeUserFunction(function, List.of(), call.span(), scope, true);
        }
        // Said as for a table named bare, so whoever reads diagnostics treats both alike.
        String suggestion = Suggestions.closest(name, new HashSet<>(tables.names()));
        throw fail(DiagnosticCode.UNKNOWN_NAME, argumentValue(arguments.get(0)).span(), "'" + name
                + "' is not a table in scope", suggestion == null ? null : "did you mean '" + suggestion + "'?");
    }

    /** A string expression's value where it is bound, which must be a constant (folded when data is there to fold). */
    private String constantString(Expression expression, Scope scope, String what) {
        BoundExpression value = bindScalar(expression, scope, null);
        if (!(value instanceof BoundExpression.Constant) && dataSchemas != null && isFoldable(value)) {
            value = new BoundExpression.Constant(value.type(), dataSchemas.evaluateConstant(value));
        }
        if (!(value instanceof BoundExpression.Constant constant) || !(constant.value() instanceof String text)) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, expression.span(), what + " must be a constant string");
        }
        return text;
    }

    /** Binds a user function's body with its parameters bound to the arguments; returns a plan or an expression. */
    private Object invokeUserFunction(FunctionBinding function, List<Expression.Argument> arguments, Span at,
                                      Scope callerScope, boolean tabular) {
        List<Parts.Parameter> parameters = function.function().parameters();
        if (arguments.size() > parameters.size()) {
            throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, at, "the function takes " + parameters.size()
                    + " argument(s), " + arguments.size() + " given");
        }
        Scope body = new Scope(function.scope());
        for (int i = 0; i < parameters.size(); i++) {
            Parts.Parameter parameter = parameters.get(i);
            Expression argument = null;
            for (Expression.Argument given : arguments) {
                if (given instanceof Expression.NamedArgument named && named.name().name().equals(parameter.name().name())) {
                    argument = named.value();
                }
            }
            if (argument == null && i < arguments.size() && arguments.get(i) instanceof Expression.Positional positional) {
                argument = positional.value();
            }
            if (argument == null) {
                if (parameter.defaultValue() == null) {
                    throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, at,
                            "missing argument '" + parameter.name().name() + "'");
                }
                body.names.put(parameter.name().name(),
                        new ScalarBinding(bindScalar(parameter.defaultValue(), function.scope(), null)));
            } else if (parameter.type() instanceof Parts.TabularSchema) {
                body.names.put(parameter.name().name(), new TabularBinding(bindTabular(argument, callerScope, null)));
            } else {
                body.names.put(parameter.name().name(), new ScalarBinding(bindScalar(argument, callerScope, null)));
            }
        }
        List<Statement> statements = function.function().body().statements();
        for (int i = 0; i < statements.size() - 1; i++) {
            if (statements.get(i) instanceof Statement.Let let) {
                body.names.put(let.name().name(), bindLetValue(let.value(), body));
            }
        }
        Statement last = statements.get(statements.size() - 1);
        if (!(last instanceof Statement.Query query)) {
            throw fail(DiagnosticCode.NOT_SUPPORTED, last.span(), "a function body must end with an expression");
        }
        if (tabular) {
            return bindTabular(query.expression(), body, null);
        }
        return query.expression();
    }

    private LogicalPlan bindSource(TabularOperator operator, Scope scope) {
        return switch (operator) {
            case TabularOperator.Print print -> {
                LogicalPlan one = new LogicalPlan.Values(new Schema(List.of()), List.<Object[]>of(new Object[0]));
                List<LogicalPlan.Output> outputs = new ArrayList<>();
                int index = 0;
                for (Parts.NamedExpression column : print.columns()) {
                    BoundExpression value = bindScalar(column.value(), scope, one);
                    String name = column.names().isEmpty() ? "print_" + index : column.names().get(0).name();
                    outputs.add(new LogicalPlan.Output(name, value));
                    index++;
                }
                yield project(one, outputs);
            }
            case TabularOperator.Datatable datatable -> bindDatatable(datatable, scope);
            case TabularOperator.Range range -> {
                BoundExpression from = bindScalar(range.from(), scope, null);
                BoundExpression to = bindScalar(range.to(), scope, null);
                BoundExpression step = bindScalar(range.step(), scope, null);
                ScalarType type = from.type() == ScalarType.INT ? ScalarType.LONG : from.type();
                yield new LogicalPlan.Range(Schema.of(new Schema.Field(range.column().name(), type)), from, to, step);
            }
            case TabularOperator.Union union -> bindUnion(union, null, scope);
            case TabularOperator.Search search -> bindSearch(search, null, scope);
            default -> throw notSupported(operator);
        };
    }

    private LogicalPlan bindDatatable(TabularOperator.Datatable datatable, Scope scope) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Parts.ColumnDeclaration column : datatable.schema()) {
            fields.add(new Schema.Field(column.name().name(), typeOf(column.type())));
        }
        Schema schema = new Schema(fields);
        if (fields.isEmpty()) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, datatable.span(), "a datatable needs at least one column");
        }
        if (datatable.values().size() % fields.size() != 0) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, datatable.span(), "the datatable has " + datatable.values().size()
                    + " values, which is not a whole number of rows of " + fields.size() + " columns");
        }
        List<Object[]> rows = new ArrayList<>();
        for (int start = 0; start < datatable.values().size(); start += fields.size()) {
            Object[] row = new Object[fields.size()];
            for (int c = 0; c < fields.size(); c++) {
                Expression cell = datatable.values().get(start + c);
                BoundExpression value = bindScalar(cell, scope, null);
                if (!(value instanceof BoundExpression.Constant) && dataSchemas != null && isFoldable(value)) {
                    value = new BoundExpression.Constant(value.type(), dataSchemas.evaluateConstant(value));
                }
                if (!(value instanceof BoundExpression.Constant constant)) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, cell.span(), "datatable values must be constants");
                }
                row[c] = Conversions.convertConstant(constant.value(), constant.type(), fields.get(c).type());
                if (row[c] == Conversions.INVALID) {
                    throw fail(DiagnosticCode.TYPE_MISMATCH, cell.span(), "a " + constant.type() + " value in the "
                            + fields.get(c).type() + " column '" + fields.get(c).name() + "'");
                }
            }
            rows.add(row);
        }
        return new LogicalPlan.Values(schema, rows);
    }

    /** A deterministic expression that reads no columns and no sub-query. */
    private static boolean isFoldable(BoundExpression expression) {
        return switch (expression) {
            case BoundExpression.Constant constant -> true;
            case BoundExpression.ColumnRef ref -> false;
            case BoundExpression.ScalarSubquery subquery -> false;
            case BoundExpression.Call call -> call.function().deterministic()
                    && call.arguments().stream().allMatch(Binder::isFoldable);
        };
    }

    private LogicalPlan bindUnion(TabularOperator.Union union, LogicalPlan first, Scope scope) {
        List<LogicalPlan> inputs = new ArrayList<>();
        List<String> sourceNames = new ArrayList<>();
        if (first != null) {
            inputs.add(first);
            sourceNames.add("");
        }
        String sourceColumn = null;
        boolean inner = false;
        boolean fuzzy = false;
        for (Parts.OperatorParameter parameter : union.parameters()) {
            switch (parameter.name().name()) {
                case "withsource" -> sourceColumn = ((Expression.Name) parameter.value()).identifier().name();
                case "kind" -> inner = parameter.value() instanceof Expression.Name name
                        && name.identifier().name().equals("inner");
                case "isfuzzy" -> fuzzy = parameter.value() instanceof Expression.Name name
                        ? name.identifier().name().equals("true")
                        : parameter.value() instanceof Expression.Literal literal && literal.text().equals("true");
                default -> throw fail(DiagnosticCode.NOT_SUPPORTED, parameter.span(),
                        "union parameter '" + parameter.name().name() + "' is not supported yet");
            }
        }
        for (Expression table : union.tables()) {
            if (table instanceof Expression.Wildcard wildcard) {
                // union * and union Device*: the tables and views whose names match, in name order (real
                // "know your data" hunts count rows per table with union withsource=TableName *).
                if (addTablesAndViews(scope, wildcard.pattern().text(), wildcard.span(), inputs, sourceNames) == 0
                        && !fuzzy) {
                    throw fail(DiagnosticCode.UNKNOWN_NAME, wildcard.span(), "no table or view matches '"
                            + wildcard.pattern().text() + "'" + (tables.names().isEmpty() ? " (the store holds no tables)" : ""));
                }
                continue;
            }
            inputs.add(bindTabular(table, scope, null));
            sourceNames.add(sourceName(table, inputs.size() - 1 - (first != null ? 1 : 0)));
        }
        if (inputs.isEmpty()) {
            throw fail(DiagnosticCode.UNKNOWN_NAME, union.span(), "union has no table to read: nothing matches its names");
        }
        return unionOf(inputs, sourceNames, sourceColumn, inner);
    }

    /**
     * The union of {@code inputs}: {@code sourceColumn} (or null for none) holds each row's entry of
     * {@code sourceNames}; with {@code inner} only the columns every input has are kept.
     */
    private static LogicalPlan unionOf(List<LogicalPlan> inputs, List<String> sourceNames, String sourceColumn,
                                       boolean inner) {
        // Columns by name, in order of first appearance. A name that comes with several types becomes one
        // column per type, named name_type (x_long, x_int), as Kusto does.
        Map<String, List<ScalarType>> typesByName = new LinkedHashMap<>();
        if (sourceColumn != null) {
            typesByName.put(sourceColumn, new ArrayList<>(List.of(ScalarType.STRING)));
        }
        Map<String, Integer> counts = new HashMap<>();
        for (LogicalPlan input : inputs) {
            for (Schema.Field field : input.schema().fields()) {
                List<ScalarType> types = typesByName.computeIfAbsent(field.name(), ignored -> new ArrayList<>());
                if (!types.contains(field.type())) {
                    types.add(field.type());
                }
                counts.merge(field.name(), 1, Integer::sum);
            }
        }
        List<Schema.Field> fields = new ArrayList<>();
        Map<String, String> splitNames = new HashMap<>();
        for (Map.Entry<String, List<ScalarType>> entry : typesByName.entrySet()) {
            String name = entry.getKey();
            if (inner && !name.equals(sourceColumn) && counts.getOrDefault(name, 0) < inputs.size()) {
                continue;
            }
            if (entry.getValue().size() == 1) {
                fields.add(new Schema.Field(name, entry.getValue().get(0)));
            } else {
                for (ScalarType type : entry.getValue()) {
                    // A split name that another input already uses gets a number: x_long1 beside x_long.
                    String split = name + "_" + type.kqlName();
                    String unique = split;
                    for (int n = 1; typesByName.containsKey(unique) || containsName(fields, unique); n++) {
                        unique = split + n;
                    }
                    fields.add(new Schema.Field(unique, type));
                    splitNames.put(unique, name);
                }
            }
        }
        List<int[]> columnMaps = new ArrayList<>();
        for (LogicalPlan input : inputs) {
            int[] map = new int[fields.size()];
            java.util.Arrays.fill(map, -1);
            for (int c = 0; c < fields.size(); c++) {
                Schema.Field field = fields.get(c);
                for (int i = 0; i < input.schema().size(); i++) {
                    Schema.Field candidate = input.schema().field(i);
                    boolean plain = candidate.name().equals(field.name()) && candidate.type() == field.type()
                            && !splitNames.containsKey(field.name());
                    boolean split = candidate.name().equals(splitNames.get(field.name())) && candidate.type() == field.type();
                    if (plain || split) {
                        map[c] = i;
                    }
                }
            }
            columnMaps.add(map);
        }
        return new LogicalPlan.Union(inputs, sourceColumn, sourceNames, columnMaps, new Schema(fields));
    }

    private static boolean containsName(List<Schema.Field> fields, String name) {
        return fields.stream().anyMatch(field -> field.name().equals(name));
    }

    /** withsource's value for a union leg: its table name, the name given by '| as', or union_argN. */
    private static String sourceName(Expression table, int position) {
        Expression bare = table;
        while (bare instanceof Expression.Parenthesized parenthesized) {
            bare = parenthesized.inner();
        }
        if (bare instanceof Expression.Name name) {
            return name.identifier().name();
        }
        if (bare instanceof Expression.Pipe pipe && pipe.operator() instanceof TabularOperator.As as) {
            return as.name().name();
        }
        return "union_arg" + position;
    }

    private static String columnsSource(TabularOperator.Union union) {
        for (Parts.OperatorParameter parameter : union.parameters()) {
            if (parameter.name().name().equals("withsource") && parameter.value() instanceof Expression.Name name) {
                return name.identifier().name();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // search (docs: search-operator.md)

    /** The column search adds: the name of the table each row came from. */
    private static final String SEARCH_SOURCE_COLUMN = "$table";

    /**
     * search: the union of its tables (the piped input; the {@code in (...)} list, wildcards matched against
     * the catalog; or, with neither, every table of the catalog) with a {@code $table} column first, filtered
     * by the search predicate. Kusto's language service gives the same schema: {@code $table} and the
     * sources' columns unified by name and type as union does (Kusto.Language, Binder: GetSearchColumnsTable).
     */
    private LogicalPlan bindSearch(TabularOperator.Search search, LogicalPlan input, Scope scope) {
        boolean caseSensitive = false;
        for (Parts.OperatorParameter parameter : search.parameters()) {
            if (parameter.name().name().equals("kind") && parameter.value() instanceof Expression.Name kind) {
                caseSensitive = kind.identifier().name().equals("case_sensitive");
            }
        }
        List<LogicalPlan> inputs = new ArrayList<>();
        List<String> sourceNames = new ArrayList<>();
        if (input != null) {
            if (!search.tables().isEmpty()) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, search.span(),
                        "search after '|' searches its input; it cannot also name tables with 'in (...)'");
            }
            inputs.add(input);
            // The docs leave the name of a source that is not a table to the system; Trawl names it as union
            // names an unnamed leg.
            sourceNames.add(input instanceof LogicalPlan.TableScan scan ? scan.table() : "union_arg0");
        } else if (!search.tables().isEmpty()) {
            for (Expression table : search.tables()) {
                if (table instanceof Expression.Wildcard wildcard) {
                    addTablesAndViews(scope, wildcard.pattern().text(), wildcard.span(), inputs, sourceNames);
                } else {
                    inputs.add(bindTabular(table, scope, null));
                    sourceNames.add(sourceName(table, inputs.size() - 1));
                }
            }
        } else {
            // "If both TabularSource and TableSources are omitted, the search is carried over all unrestricted
            // tables and views of the database in scope" (docs: let-statement.md's view example searches two).
            addTablesAndViews(scope, "*", search.span(), inputs, sourceNames);
        }
        if (inputs.isEmpty()) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, search.span(), "search has no table to search");
        }
        LogicalPlan union = unionOf(inputs, sourceNames, SEARCH_SOURCE_COLUMN, false);
        BoundExpression predicate = bindSearchPredicate(search.predicate(), scope, union, caseSensitive);
        if (predicate.type() != ScalarType.BOOL) {
            throw fail(DiagnosticCode.TYPE_MISMATCH, search.predicate().span(),
                    "a search predicate must be a bool, not a " + predicate.type());
        }
        return new LogicalPlan.Filter(union, predicate);
    }

    /**
     * A search predicate: a string literal is a term looked for in every column, {@code Column:"term"} in
     * one column, a lone {@code *} matches every row; these keep their meaning through and, or and
     * parentheses. Anything else is an ordinary expression over the columns (as in Kusto's language
     * service: Binder_SearchPredicateBinder). With kind=case_sensitive the case-insensitive string
     * operators written there become their _cs forms ("controls the behavior of all string scalar
     * operators, such as has"); =~, !~ and in~, which name their case-insensitivity, stay as written.
     */
    private BoundExpression bindSearchPredicate(Expression predicate, Scope scope, LogicalPlan input,
                                                boolean caseSensitive) {
        return switch (predicate) {
            case Expression.Parenthesized parenthesized -> bindSearchPredicate(parenthesized.inner(), scope, input,
                    caseSensitive);
            case Expression.StringLiteral term -> searchTerm(term.value(), input, searchedColumns(input),
                    caseSensitive, term.span());
            case Expression.Star star -> new BoundExpression.Constant(ScalarType.BOOL, true);
            case Expression.Binary binary when binary.operator() == dev.trawl.kql.syntax.ast.BinaryOperator.AND
                    || binary.operator() == dev.trawl.kql.syntax.ast.BinaryOperator.OR -> call(binary.operator().text(),
                    List.of(bindSearchPredicate(binary.left(), scope, input, caseSensitive),
                            bindSearchPredicate(binary.right(), scope, input, caseSensitive)), binary.span());
            case Expression.Binary binary when binary.operator() == dev.trawl.kql.syntax.ast.BinaryOperator.SEARCH_COLUMN -> {
                Identifier column = ((Expression.Name) binary.left()).identifier();
                int index = input.schema().indexOf(column.name());
                if (index < 0) {
                    throw unknown(column, "column", new HashSet<>(input.schema().names()));
                }
                if (!(binary.right() instanceof Expression.StringLiteral term)) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, binary.right().span(),
                            "'" + column.name() + ":' takes a string literal, the term to look for");
                }
                yield searchTerm(term.value(), input, List.of(index), caseSensitive, binary.span());
            }
            case Expression.Binary binary when caseSensitive && CASE_SENSITIVE_FORMS.containsKey(binary.operator()) ->
                    bindScalar(new Expression.Binary(CASE_SENSITIVE_FORMS.get(binary.operator()), binary.left(),
                            binary.right(), binary.span()), scope, input);
            default -> bindScalar(predicate, scope, input);
        };
    }

    private static final Map<dev.trawl.kql.syntax.ast.BinaryOperator, dev.trawl.kql.syntax.ast.BinaryOperator>
            CASE_SENSITIVE_FORMS = caseSensitiveForms();

    private static Map<dev.trawl.kql.syntax.ast.BinaryOperator, dev.trawl.kql.syntax.ast.BinaryOperator> caseSensitiveForms() {
        Map<dev.trawl.kql.syntax.ast.BinaryOperator, dev.trawl.kql.syntax.ast.BinaryOperator> forms = new HashMap<>();
        for (dev.trawl.kql.syntax.ast.BinaryOperator operator : dev.trawl.kql.syntax.ast.BinaryOperator.values()) {
            dev.trawl.kql.syntax.ast.BinaryOperator sensitive = dev.trawl.kql.syntax.ast.BinaryOperator.word(operator.text() + "_cs");
            if (sensitive != null && dev.trawl.kql.syntax.ast.BinaryOperator.word(operator.text()) == operator) {
                forms.put(operator, sensitive);
            }
        }
        return forms;
    }

    /** The columns a bare term is looked for in: all of them but the {@code $table} search adds. */
    private static List<Integer> searchedColumns(LogicalPlan input) {
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < input.schema().size(); i++) {
            if (!input.schema().field(i).name().equals(SEARCH_SOURCE_COLUMN)) {
                columns.add(i);
            }
        }
        return columns;
    }

    /**
     * A search term over columns, by the docs' table: {@code billg} is has, {@code *billg} hassuffix,
     * {@code billg*} hasprefix, {@code *billg*} contains, and a {@code *} inside ({@code bi*lg}) a regular
     * expression {@code \bbi.*lg\b}. Case-insensitive unless kind=case_sensitive (the regular expression
     * too, since the kind governs the whole search).
     */
    private BoundExpression searchTerm(String term, LogicalPlan input, List<Integer> columns, boolean caseSensitive,
                                       Span at) {
        if (!term.isEmpty() && term.chars().allMatch(c -> c == '*')) {
            return new BoundExpression.Constant(ScalarType.BOOL, true);
        }
        boolean leading = term.startsWith("*");
        boolean trailing = term.length() > 1 && term.endsWith("*");
        String core = term.substring(leading ? 1 : 0, term.length() - (trailing ? 1 : 0));
        String operator;
        String needle = core;
        if (core.indexOf('*') >= 0) {
            StringBuilder regex = new StringBuilder(caseSensitive ? "" : "(?i)");
            regex.append(leading ? "" : "\\b");
            for (int i = 0; i < core.length(); i++) {
                char c = core.charAt(i);
                if (c == '*') {
                    regex.append(".*");
                } else {
                    regex.append(Character.isLetterOrDigit(c) ? "" : "\\").append(c);
                }
            }
            regex.append(trailing ? "" : "\\b");
            operator = "matches regex";
            needle = regex.toString();
        } else {
            operator = leading && trailing ? "contains" : leading ? "hassuffix" : trailing ? "hasprefix" : "has";
            operator = caseSensitive ? operator + "_cs" : operator;
        }
        return anyColumn(operator, new BoundExpression.Constant(ScalarType.STRING, needle), input, columns, at);
    }

    /** {@code operator(column, value)} for some column: an or over the columns, each as its text. */
    private BoundExpression anyColumn(String operator, BoundExpression value, LogicalPlan input, List<Integer> columns,
                                      Span at) {
        BoundExpression any = null;
        for (int index : columns) {
            Schema.Field field = input.schema().field(index);
            BoundExpression column = new BoundExpression.ColumnRef(index, field.name(), field.type());
            // String operators read a dynamic as its JSON text; other types are searched as tostring() writes them.
            if (field.type() != ScalarType.STRING && field.type() != ScalarType.DYNAMIC) {
                column = call("tostring", List.of(column), at);
            }
            BoundExpression test = call(operator, List.of(column, value), at);
            any = any == null ? test : call("or", List.of(any, test), at);
        }
        return any != null ? any : new BoundExpression.Constant(ScalarType.BOOL, false);
    }

    /** Operators that may take {@code *} (every column) on their left: the string operators that find a value. */
    private static final Set<String> STAR_OPERATORS = Set.of("has", "has_cs", "hasprefix", "hasprefix_cs", "hassuffix",
            "hassuffix_cs", "contains", "contains_cs", "startswith", "startswith_cs", "endswith", "endswith_cs",
            "matches regex");

    /**
     * {@code * has "x"} (where and search): true when some column has it (docs: where-operator.md, "the
     * rows in which the word appears in any column"). Negated operators over {@code *} are refused: the docs
     * do not say whether they mean "some column does not" or "no column does".
     */
    private BoundExpression bindStarComparison(Expression.Binary binary, Scope scope, LogicalPlan input) {
        String operator = binary.operator().text();
        if (!STAR_OPERATORS.contains(operator)) {
            throw fail(DiagnosticCode.NOT_SUPPORTED, binary.span(), "'* " + operator + "' is not supported: Kusto's "
                    + "documentation gives '*' (every column) only with the string operators that find a value, such as has");
        }
        if (input == null) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, binary.left().span(), "'*' here has no columns to stand for");
        }
        BoundExpression value = bindScalar(binary.right(), scope, input);
        return anyColumn(operator, value, input, searchedColumns(input), binary.span());
    }

    private LogicalPlan bindOperator(TabularOperator operator, LogicalPlan input, Scope scope) {
        return switch (operator) {
            case TabularOperator.Where where -> {
                BoundExpression predicate = bindScalar(where.predicate().value(), scope, input);
                if (predicate.type() != ScalarType.BOOL) {
                    throw fail(DiagnosticCode.TYPE_MISMATCH, where.predicate().span(),
                            "a filter must be a bool, not a " + predicate.type());
                }
                yield new LogicalPlan.Filter(input, predicate);
            }
            case TabularOperator.Extend extend -> bindExtend(extend.columns(), serializedIfWindowed(extend.columns(), input), scope);
            case TabularOperator.Project project -> {
                input = serializedIfWindowed(project.columns(), input);
                LogicalPlan spread = projectWithTuples(project, input, scope);
                if (spread != null) {
                    yield spread;
                }
                List<LogicalPlan.Output> outputs = new ArrayList<>();
                Set<String> used = new HashSet<>();
                int unnamed = 0;
                for (Parts.NamedExpression column : project.columns()) {
                    BoundExpression value = bindScalar(column.value(), scope, input);
                    String name;
                    if (!column.names().isEmpty()) {
                        name = column.names().get(0).name();
                    } else {
                        name = unnamedName(column.value());
                        if (name == null) {
                            name = "Column" + (++unnamed);
                        }
                    }
                    if (!used.add(name)) {
                        throw fail(DiagnosticCode.DUPLICATE_COLUMN, column.span(), "column '" + name + "' is projected twice");
                    }
                    outputs.add(new LogicalPlan.Output(name, value));
                }
                yield closedProject(input, outputs);
            }
            case TabularOperator.ProjectAway away -> {
                List<LogicalPlan.Output> outputs = new ArrayList<>();
                boolean[] drop = matchPatterns(away.columns(), input.schema());
                for (int i = 0; i < input.schema().size(); i++) {
                    if (!drop[i]) {
                        outputs.add(passThrough(input.schema(), i));
                    }
                }
                yield project(input, outputs);
            }
            case TabularOperator.ProjectKeep keep -> {
                List<LogicalPlan.Output> outputs = new ArrayList<>();
                boolean[] kept = matchPatterns(keep.columns(), input.schema());
                for (int i = 0; i < input.schema().size(); i++) {
                    if (kept[i]) {
                        outputs.add(passThrough(input.schema(), i));
                    }
                }
                yield project(input, outputs);
            }
            case TabularOperator.ProjectRename rename -> {
                Map<String, String> newNames = new HashMap<>();
                for (Parts.Rename item : rename.renames()) {
                    if (input.schema().indexOf(item.oldName().name()) < 0) {
                        throw unknown(item.oldName(), "column", new HashSet<>(input.schema().names()));
                    }
                    newNames.put(item.oldName().name(), item.newName().name());
                }
                List<LogicalPlan.Output> outputs = new ArrayList<>();
                for (int i = 0; i < input.schema().size(); i++) {
                    Schema.Field field = input.schema().field(i);
                    outputs.add(new LogicalPlan.Output(newNames.getOrDefault(field.name(), field.name()),
                            new BoundExpression.ColumnRef(i, field.name(), field.type())));
                }
                yield project(input, outputs);
            }
            case TabularOperator.ProjectReorder reorder -> {
                List<LogicalPlan.Output> outputs = new ArrayList<>();
                boolean[] placed = new boolean[input.schema().size()];
                for (int p = 0; p < reorder.columns().size(); p++) {
                    Parts.NamePattern pattern = reorder.columns().get(p);
                    List<Integer> matched = new ArrayList<>();
                    for (int i = 0; i < input.schema().size(); i++) {
                        if (!placed[i] && matches(pattern.text(), input.schema().field(i).name())) {
                            placed[i] = true;
                            matched.add(i);
                        }
                    }
                    Identifier order = reorder.orders().get(p);
                    Schema inputSchema = input.schema();
                    if (order != null) {
                        // asc/desc order the matched columns by name; granny-* compare digit runs as numbers.
                        java.util.Comparator<Integer> byName = order.name().startsWith("granny")
                                ? (x, y) -> grannyCompare(inputSchema.field(x).name(), inputSchema.field(y).name())
                                : (x, y) -> inputSchema.field(x).name().compareTo(inputSchema.field(y).name());
                        matched.sort(order.name().endsWith("desc") ? byName.reversed() : byName);
                    }
                    for (int i : matched) {
                        outputs.add(passThrough(input.schema(), i));
                    }
                }
                for (int i = 0; i < input.schema().size(); i++) {
                    if (!placed[i]) {
                        outputs.add(passThrough(input.schema(), i));
                    }
                }
                yield project(input, outputs);
            }
            case TabularOperator.Summarize summarize -> bindSummarize(summarize, input, scope);
            case TabularOperator.Take take -> new LogicalPlan.Limit(input, constantLong(take.count(), scope));
            case TabularOperator.Sort sort -> {
                List<LogicalPlan.SortKey> keys = new ArrayList<>();
                for (Parts.SortKey key : sort.keys()) {
                    keys.add(sortKey(key, input, scope));
                }
                yield new LogicalPlan.Sort(input, keys);
            }
            case TabularOperator.Top top -> new LogicalPlan.Limit(
                    new LogicalPlan.Sort(input, List.of(sortKey(top.by(), input, scope))), constantLong(top.count(), scope));
            case TabularOperator.Count count -> new LogicalPlan.Aggregate(input, List.of(),
                    List.of(new LogicalPlan.AggregateCall("Count", aggregate("count", count.span()), List.of(), ScalarType.LONG)),
                    Schema.of(new Schema.Field("Count", ScalarType.LONG)));
            case TabularOperator.Distinct distinct -> {
                List<LogicalPlan.Output> groups = new ArrayList<>();
                if (distinct.columns().size() == 1 && distinct.columns().get(0).value() instanceof Expression.Star) {
                    for (int i = 0; i < input.schema().size(); i++) {
                        groups.add(passThrough(input.schema(), i));
                    }
                } else {
                    for (Parts.NamedExpression column : distinct.columns()) {
                        BoundExpression value = bindScalar(column.value(), scope, input);
                        String name = column.names().isEmpty() ? inferredName(column.value()) : column.names().get(0).name();
                        groups.add(new LogicalPlan.Output(name == null ? "Column1" : name, value));
                    }
                }
                yield new LogicalPlan.Aggregate(input, groups, List.of(), schemaOf(groups, List.of()));
            }
            case TabularOperator.Union union -> bindUnion(union, input, scope);
            case TabularOperator.Search search -> bindSearch(search, input, scope);
            case TabularOperator.Join join -> bindJoin(join, input, scope);
            case TabularOperator.MvExpand expand -> bindMvExpand(expand, input, scope);
            case TabularOperator.MvApply apply -> bindMvApply(apply, input, scope);
            case TabularOperator.Parse parse -> bindParse(parse, input, scope);
            case TabularOperator.ProjectByNames byNames -> bindProjectByNames(byNames, input, scope);
            case TabularOperator.ParseKv parseKv -> bindParseKv(parseKv, input, scope);
            case TabularOperator.Scan scan -> bindScan(scan, input, scope);
            case TabularOperator.TopNested nested -> bindTopNested(nested, input, scope);
            case TabularOperator.Partition partition -> {
                if (partition.braced()) {
                    throw fail(DiagnosticCode.NOT_SUPPORTED, partition.span(), "partition with a { } sub-query is not supported yet");
                }
                String column = ((Expression.Name) partition.by()).identifier().name();
                int index = input.schema().indexOf(column);
                if (index < 0) {
                    throw unknown(((Expression.Name) partition.by()).identifier(), "column", new HashSet<>(input.schema().names()));
                }
                String context = "$partition-context-" + (contextTables++);
                LogicalPlan subquery = bindTabular(partition.subquery(), scope, new LogicalPlan.TableScan(context, input.schema()));
                yield new LogicalPlan.Partition(input, index, context, subquery);
            }
            case TabularOperator.Sample sample -> new LogicalPlan.Sample(input, constantLong(sample.count(), scope));
            case TabularOperator.MakeSeries series -> bindMakeSeries(series, input, scope);
            case TabularOperator.Lookup lookup -> bindLookup(lookup, input, scope);
            case TabularOperator.Evaluate evaluate -> bindEvaluate(evaluate, input, scope);
            case TabularOperator.Serialize serialize -> {
                LogicalPlan serial = new LogicalPlan.Serialize(input);
                yield serialize.columns().isEmpty() ? serial : bindExtend(serialize.columns(), serial, scope);
            }
            case TabularOperator.As as -> {
                // '| as T' names the input for what follows in the query (toscalar(T | ...), a join's other
                // side). The name goes into the scope the pipeline is bound in; Kusto would not let a later
                // statement see it, which only matters for a query that Kusto rejects anyway.
                scope.names.put(as.name().name(), new TabularBinding(input));
                yield input;
            }
            case TabularOperator.Render render -> input;
            case TabularOperator.GetSchema getSchema -> {
                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < input.schema().size(); i++) {
                    Schema.Field field = input.schema().field(i);
                    rows.add(new Object[] {field.name(), (long) i, "System." + systemType(field.type()), field.type().kqlName()});
                }
                yield new LogicalPlan.Values(Schema.of(new Schema.Field("ColumnName", ScalarType.STRING),
                        new Schema.Field("ColumnOrdinal", ScalarType.LONG), new Schema.Field("DataType", ScalarType.STRING),
                        new Schema.Field("ColumnType", ScalarType.STRING)), rows);
            }
            case TabularOperator.Invoke invoke -> {
                if (invoke.function().function() instanceof Expression.Name name
                        && scope.find(name.identifier().name()) instanceof FunctionBinding user) {
                    List<Expression.Argument> arguments = new ArrayList<>();
                    Scope withInput = new Scope(scope);
                    withInput.names.put("$invoke_input", new TabularBinding(input));
                    arguments.add(new Expression.Positional(new Expression.Name(
                            new Identifier("$invoke_input", invoke.span()), invoke.span()), invoke.span()));
                    arguments.addAll(invoke.function().arguments());
                    Object result = invokeUserFunction(user, arguments, invoke.span(), withInput, true);
                    yield (LogicalPlan) result;
                }
                if (invoke.function().function() instanceof Expression.Name name
                        && name.identifier().name().equals("FileProfile")) {
                    yield bindFileProfile(invoke.function(), input, scope);
                }
                throw fail(DiagnosticCode.UNKNOWN_FUNCTION, invoke.function().span(), "invoke needs a let-defined function");
            }
            default -> throw notSupported(operator);
        };
    }

    /** The columns Defender's FileProfile() adds, in its documentation's order and types. */
    private static final List<Schema.Field> FILE_PROFILE_COLUMNS = List.of(
            new Schema.Field("SHA1", ScalarType.STRING), new Schema.Field("SHA256", ScalarType.STRING),
            new Schema.Field("MD5", ScalarType.STRING), new Schema.Field("FileSize", ScalarType.INT),
            new Schema.Field("GlobalPrevalence", ScalarType.INT), new Schema.Field("GlobalFirstSeen", ScalarType.DATETIME),
            new Schema.Field("GlobalLastSeen", ScalarType.DATETIME), new Schema.Field("Signer", ScalarType.STRING),
            new Schema.Field("Issuer", ScalarType.STRING), new Schema.Field("SignerHash", ScalarType.STRING),
            new Schema.Field("IsCertificateValid", ScalarType.BOOL), new Schema.Field("IsRootSignerMicrosoft", ScalarType.BOOL),
            new Schema.Field("SignatureState", ScalarType.STRING), new Schema.Field("IsExecutable", ScalarType.BOOL),
            new Schema.Field("ThreatName", ScalarType.STRING), new Schema.Field("Publisher", ScalarType.STRING),
            new Schema.Field("SoftwareName", ScalarType.STRING), new Schema.Field("ProfileAvailability", ScalarType.STRING));

    /** The file ID columns FileProfile() takes: "SHA1, SHA256, InitiatingProcessSHA1, or InitiatingProcessSHA256". */
    private static final List<String> FILE_PROFILE_IDS = List.of("SHA1", "SHA256", "InitiatingProcessSHA1",
            "InitiatingProcessSHA256");

    /**
     * invoke FileProfile([idColumn [, limit]]): the file ID column by name or as a string (default SHA1), the
     * number of records to enrich, 1 to 1000 (default 100). An input column already named like a profile
     * column (the ID column, typically) is kept and not added again.
     */
    private LogicalPlan bindFileProfile(Expression.Call call, LogicalPlan input, Scope scope) {
        List<Expression.Argument> arguments = call.arguments();
        if (arguments.size() > 2) {
            throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, call.span(), "FileProfile([idColumn [, limit]])");
        }
        String id = "SHA1";
        Span idSpan = call.span();
        if (!arguments.isEmpty()) {
            Expression value = argumentValue(arguments.get(0));
            idSpan = value.span();
            if (value instanceof Expression.Name name) {
                id = name.identifier().name();
            } else if (value instanceof Expression.StringLiteral text) {
                id = text.value();
            } else {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, value.span(), "FileProfile's first argument names the file "
                        + "ID column: " + String.join(", ", FILE_PROFILE_IDS));
            }
        }
        if (!FILE_PROFILE_IDS.contains(id)) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, idSpan, "FileProfile takes the file ID column "
                    + String.join(", ", FILE_PROFILE_IDS) + ", not '" + id + "'");
        }
        int idColumn = input.schema().indexOf(id);
        if (idColumn < 0) {
            throw fail(DiagnosticCode.UNKNOWN_NAME, idSpan, "FileProfile's file ID column '" + id
                    + "' is not a column of its input");
        }
        long limit = 100;
        if (arguments.size() == 2) {
            Expression value = argumentValue(arguments.get(1));
            BoundExpression bound = bindScalar(value, scope, null);
            if (!(bound instanceof BoundExpression.Constant constant) || !(constant.value() instanceof Number number)
                    || number.longValue() < 1 || number.longValue() > 1000) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, value.span(),
                        "FileProfile's limit is a number of records from 1 to 1000");
            }
            limit = number.longValue();
        }
        List<Schema.Field> fields = new ArrayList<>(input.schema().fields());
        for (Schema.Field field : FILE_PROFILE_COLUMNS) {
            if (input.schema().indexOf(field.name()) < 0) {
                fields.add(field);
            }
        }
        return new LogicalPlan.FileProfile(input, idColumn, limit, new Schema(fields));
    }

    private static String systemType(ScalarType type) {
        return switch (type) {
            case BOOL -> "Boolean";
            case INT -> "Int32";
            case LONG -> "Int64";
            case REAL -> "Double";
            case DECIMAL -> "Data.SqlTypes.SqlDecimal";
            case STRING -> "String";
            case DATETIME -> "DateTime";
            case TIMESPAN -> "TimeSpan";
            case GUID -> "Guid";
            case DYNAMIC -> "Object";
        };
    }

    /** Functions that read neighbouring rows (row_number, prev, next, row_cumsum, ...). */
    private static final Set<String> WINDOW_FUNCTIONS = Set.of("row_number", "prev", "next", "row_cumsum",
            "row_rank_dense", "row_rank_min");

    /**
     * Window functions need rows in a defined order: Kusto allows them only over serialized input
     * (after sort, top, serialize, range, ...). Their input then becomes one batch so they see every row.
     */
    private LogicalPlan serializedIfWindowed(List<Parts.NamedExpression> columns, LogicalPlan input) {
        for (Parts.NamedExpression column : columns) {
            Expression call = findWindowCall(column.value());
            if (call != null) {
                if (!isSerialized(input)) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, call.span(), "this function needs serialized rows",
                            "add '| serialize' (or sort) before it");
                }
                return input instanceof LogicalPlan.Serialize ? input : new LogicalPlan.Serialize(input);
            }
        }
        return input;
    }

    private static Expression findWindowCall(Expression expression) {
        if (expression instanceof Expression.Call call) {
            if (call.function() instanceof Expression.Name name && WINDOW_FUNCTIONS.contains(name.identifier().name())) {
                return call;
            }
            for (Expression.Argument argument : call.arguments()) {
                Expression found = findWindowCall(argumentValue(argument));
                if (found != null) {
                    return found;
                }
            }
        }
        if (expression instanceof Expression.Binary binary) {
            Expression found = findWindowCall(binary.left());
            return found != null ? found : findWindowCall(binary.right());
        }
        if (expression instanceof Expression.Parenthesized parenthesized) {
            return findWindowCall(parenthesized.inner());
        }
        if (expression instanceof Expression.Unary unary) {
            return findWindowCall(unary.operand());
        }
        return null;
    }

    /** Whether rows arrive in a defined order (Kusto's "serialized" row sets). */
    private static boolean isSerialized(LogicalPlan plan) {
        return switch (plan) {
            case LogicalPlan.Sort sort -> true;
            case LogicalPlan.Serialize serialize -> true;
            case LogicalPlan.Range range -> true;
            case LogicalPlan.Values values -> true;
            case LogicalPlan.Limit limit -> isSerialized(limit.input());
            case LogicalPlan.Filter filter -> isSerialized(filter.input());
            case LogicalPlan.Project project -> isSerialized(project.input());
            case LogicalPlan.MvExpand expand -> isSerialized(expand.input());
            case LogicalPlan.Parse parse -> isSerialized(parse.input());
            default -> false;
        };
    }

    private LogicalPlan bindExtend(List<Parts.NamedExpression> columns, LogicalPlan input, Scope scope) {
        LogicalPlan current = input;
        // Each extend item sees the columns defined before it, as in Kusto.
        List<LogicalPlan.Output> outputs = new ArrayList<>();
        for (int i = 0; i < current.schema().size(); i++) {
            outputs.add(passThrough(current.schema(), i));
        }
        Set<String> hidden = new HashSet<>();
        int unnamed = 0;
        for (Parts.NamedExpression column : columns) {
            Schema sofar = schemaOf(outputs, List.of()).withOpen(current.schema().open());
            LogicalPlan view = new LogicalPlan.Project(current, outputs, sofar);
            LogicalPlan outerView = extendView;
            int outerWidth = extendInputWidth;
            extendView = view;
            extendInputWidth = input.schema().size();
            BoundExpression value;
            try {
                value = bindScalar(column.value(), scope, view);
            } finally {
                extendView = outerView;
                extendInputWidth = outerWidth;
            }
            value = inline(value, outputs);
            if (value instanceof BoundExpression.Call call && !call.function().components().isEmpty()) {
                // A tuple: computed once into a hidden column, then spread over one column per component.
                String tupleColumn = "__tuple" + hidden.size();
                hidden.add(tupleColumn);
                outputs.add(new LogicalPlan.Output(tupleColumn, value));
                current = project(current, outputs);
                outputs = new ArrayList<>();
                for (int i = 0; i < current.schema().size(); i++) {
                    outputs.add(passThrough(current.schema(), i));
                }
                int tupleIndex = current.schema().indexOf(tupleColumn);
                List<String> components = call.function().components();
                if (column.tuple() && column.names().size() > components.size()) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, column.span(), "'" + call.function().name()
                            + "' returns " + components.size() + " values, " + column.names().size() + " names given");
                }
                String argumentName = column.value() instanceof Expression.Call syntax && !syntax.arguments().isEmpty()
                        ? inferredName(argumentValue(syntax.arguments().get(0))) : null;
                FunctionSpec element = functions.lookup("__element");
                for (int c = 0; c < components.size(); c++) {
                    String name;
                    if (column.tuple()) {
                        if (c >= column.names().size()) {
                            break;
                        }
                        name = column.names().get(c).name();
                    } else if (c == 0 && !column.names().isEmpty()) {
                        // x = f(...) for a tuple-valued f names its first component; the others keep the
                        // default names (inferred from rules such as 'extend outliers = series_decompose_anomalies(y)'
                        // followed by 'where outliers == 1').
                        name = column.names().get(0).name();
                    } else {
                        name = call.function().name() + "_" + (argumentName == null ? "" : argumentName + "_")
                                + components.get(c);
                    }
                    BoundExpression part = new BoundExpression.Call(element, List.of(
                            new BoundExpression.ColumnRef(tupleIndex, tupleColumn, ScalarType.DYNAMIC),
                            new BoundExpression.Constant(ScalarType.LONG, (long) c)), call.function().componentType(c));
                    replaceOrAdd(outputs, new LogicalPlan.Output(name, part));
                }
                continue;
            }
            if (column.tuple()) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, column.span(),
                        "(a, b, ...) = needs a function that returns several values, such as series_decompose_anomalies");
            }
            String name;
            if (!column.names().isEmpty()) {
                name = column.names().get(0).name();
            } else {
                name = unnamedName(column.value());
                if (name == null) {
                    do {
                        name = "Column" + (++unnamed);
                    } while (sofar.indexOf(name) >= 0);
                }
            }
            replaceOrAdd(outputs, new LogicalPlan.Output(name, value));
        }
        if (!hidden.isEmpty()) {
            current = project(current, outputs);
            outputs = new ArrayList<>();
            for (int i = 0; i < current.schema().size(); i++) {
                if (!hidden.contains(current.schema().field(i).name())) {
                    outputs.add(passThrough(current.schema(), i));
                }
            }
        }
        return project(current, outputs);
    }

    /**
     * project with a tuple-valued function (project series_fit_line(y)): computed as extend does, then
     * the listed columns kept, a tuple's components in its place. Null when no item is a tuple.
     */
    private LogicalPlan projectWithTuples(TabularOperator.Project project, LogicalPlan input, Scope scope) {
        List<List<String>> names = new ArrayList<>();
        boolean any = false;
        int unnamed = 0;
        for (Parts.NamedExpression column : project.columns()) {
            BoundExpression value = bindScalar(column.value(), scope, input);
            if (value instanceof BoundExpression.Call call && !call.function().components().isEmpty()) {
                any = true;
                List<String> components = call.function().components();
                String argumentName = column.value() instanceof Expression.Call syntax && !syntax.arguments().isEmpty()
                        ? inferredName(argumentValue(syntax.arguments().get(0))) : null;
                List<String> itemNames = new ArrayList<>();
                for (int c = 0; c < components.size(); c++) {
                    if (column.tuple()) {
                        if (c < column.names().size()) {
                            itemNames.add(column.names().get(c).name());
                        }
                    } else if (c == 0 && !column.names().isEmpty()) {
                        itemNames.add(column.names().get(0).name());
                    } else {
                        itemNames.add(call.function().name() + "_" + (argumentName == null ? "" : argumentName + "_")
                                + components.get(c));
                    }
                }
                names.add(itemNames);
            } else {
                String name = !column.names().isEmpty() ? column.names().get(0).name() : unnamedName(column.value());
                names.add(List.of(name == null ? "Column" + (++unnamed) : name));
            }
        }
        if (!any) {
            return null;
        }
        LogicalPlan extended = bindExtend(project.columns(), input, scope);
        List<LogicalPlan.Output> outputs = new ArrayList<>();
        for (List<String> itemNames : names) {
            for (String name : itemNames) {
                int index = extended.schema().indexOf(name);
                if (index >= 0) {
                    outputs.add(passThrough(extended.schema(), index));
                }
            }
        }
        return closedProject(extended, outputs);
    }

    /** A column of that name is replaced in place (as Kusto's extend does), otherwise appended. */
    private static void replaceOrAdd(List<LogicalPlan.Output> outputs, LogicalPlan.Output output) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).name().equals(output.name())) {
                outputs.set(i, output);
                return;
            }
        }
        outputs.add(output);
    }

    /** Replaces references to the in-progress extend columns with their definitions. */
    private static BoundExpression inline(BoundExpression expression, List<LogicalPlan.Output> outputs) {
        return switch (expression) {
            case BoundExpression.ColumnRef ref -> ref.index() == BoundExpression.ColumnRef.DATA_NAMED ? ref
                    : outputs.get(ref.index()).expression();
            case BoundExpression.Call call -> {
                List<BoundExpression> arguments = new ArrayList<>();
                for (BoundExpression argument : call.arguments()) {
                    arguments.add(inline(argument, outputs));
                }
                yield new BoundExpression.Call(call.function(), arguments, call.type());
            }
            default -> expression;
        };
    }

    private LogicalPlan bindSummarize(TabularOperator.Summarize summarize, LogicalPlan input, Scope scope) {
        List<LogicalPlan.Output> groups = new ArrayList<>();
        for (Parts.NamedExpression column : summarize.by()) {
            BoundExpression value = bindScalar(column.value(), scope, input);
            String name = column.names().isEmpty() ? groupName(column.value()) : column.names().get(0).name();
            groups.add(new LogicalPlan.Output(name == null ? "Column" + (groups.size() + 1) : name, value));
        }
        SummarizeBuilder builder = new SummarizeBuilder(groups, input, scope);
        for (Parts.NamedExpression column : summarize.aggregates()) {
            builder.add(column);
        }
        return builder.build();
    }

    /**
     * Builds summarize: each aggregation call becomes an {@link LogicalPlan.AggregateCall}; an item that
     * computes over aggregations ({@code count() * 2}) or returns several columns ({@code arg_max(x, *)},
     * {@code percentiles(x, 50, 95)}) is finished by a projection over the aggregated row.
     */
    private final class SummarizeBuilder {
        private final List<LogicalPlan.Output> groups;
        private final LogicalPlan input;
        private final Scope scope;
        private final List<LogicalPlan.AggregateCall> aggregates = new ArrayList<>();
        private final List<LogicalPlan.Output> outputs = new ArrayList<>();
        private final Set<String> used = new HashSet<>();
        private boolean needsProjection;
        private int unnamed;

        SummarizeBuilder(List<LogicalPlan.Output> groups, LogicalPlan input, Scope scope) {
            this.groups = groups;
            this.input = input;
            this.scope = scope;
            for (int g = 0; g < groups.size(); g++) {
                LogicalPlan.Output group = groups.get(g);
                used.add(group.name());
                outputs.add(new LogicalPlan.Output(group.name(),
                        new BoundExpression.ColumnRef(g, group.name(), group.expression().type())));
            }
        }

        void add(Parts.NamedExpression column) {
            String given = column.names().isEmpty() ? null : column.names().get(0).name();
            if (column.value() instanceof Expression.Call call && call.function() instanceof Expression.Name name) {
                String function = name.identifier().name();
                if (function.equals("arg_max") || function.equals("arg_min")) {
                    addArgExtreme(call, function, column);
                    return;
                }
                if (function.equals("percentiles") || function.equals("percentilesw")) {
                    addPercentiles(call, function, given);
                    return;
                }
                // An unnamed percentile(x, 50) is named like one column of percentiles: percentile_x_50
                // (language service: AddPercentileColumns serves both; docs: summarize-operator.md's
                // percentile_x_55). A wrong argument count falls through to the usual diagnostic.
                if (given == null && (function.equals("percentile") && call.arguments().size() == 2
                        || function.equals("percentilew") && call.arguments().size() == 3)) {
                    addPercentiles(call, function.equals("percentile") ? "percentiles" : "percentilesw", null);
                    return;
                }
                FunctionSpec spec = functions.lookup(function);
                if (spec != null && spec.kind() == FunctionSpec.Kind.AGGREGATE) {
                    String columnName = given != null ? given : spec.aggregateColumnName(argumentNames(call));
                    int index = addAggregate(call, spec);
                    rename(index, unique(columnName));
                    LogicalPlan.AggregateCall aggregate = aggregates.get(index);
                    outputs.add(new LogicalPlan.Output(aggregate.name(), new BoundExpression.ColumnRef(
                            groups.size() + index, aggregate.name(), aggregate.type())));
                    return;
                }
            }
            BoundExpression value = bindOverAggregates(column.value());
            needsProjection = true;
            String name = given;
            if (name == null) {
                name = "Column" + (++unnamed);
            }
            outputs.add(new LogicalPlan.Output(unique(name), value));
        }

        private String unique(String name) {
            String candidate = name;
            for (int n = 1; !used.add(candidate); n++) {
                candidate = name + n;
            }
            return candidate;
        }

        private void rename(int index, String name) {
            LogicalPlan.AggregateCall aggregate = aggregates.get(index);
            aggregates.set(index, new LogicalPlan.AggregateCall(name, aggregate.function(), aggregate.arguments(),
                    aggregate.type()));
        }

        /** Binds an aggregation call's arguments over the input rows; returns its index. */
        private int addAggregate(Expression.Call call, FunctionSpec spec) {
            List<BoundExpression> arguments = new ArrayList<>();
            List<ScalarType> types = new ArrayList<>();
            for (Expression.Argument argument : call.arguments()) {
                BoundExpression value = bindScalar(argumentValue(argument), scope, input);
                arguments.add(value);
                types.add(value.type());
            }
            checkArity(spec, arguments.size(), call.span());
            ScalarType type = spec.resultType(types);
            if (type == null) {
                throw fail(DiagnosticCode.TYPE_MISMATCH, call.span(), "'" + spec.name() + "' does not accept ("
                        + String.join(", ", types.stream().map(ScalarType::kqlName).toList()) + ")");
            }
            aggregates.add(new LogicalPlan.AggregateCall("__aggregate" + aggregates.size(), spec, arguments, type));
            return aggregates.size() - 1;
        }

        /** An expression over aggregations: each aggregation call becomes a reference to its result. */
        private BoundExpression bindOverAggregates(Expression expression) {
            return switch (expression) {
                case Expression.Call call when call.function() instanceof Expression.Name name
                        && functions.lookup(name.identifier().name()) != null
                        && functions.lookup(name.identifier().name()).kind() == FunctionSpec.Kind.AGGREGATE -> {
                    int index = addAggregate(call, functions.lookup(name.identifier().name()));
                    LogicalPlan.AggregateCall aggregate = aggregates.get(index);
                    yield new BoundExpression.ColumnRef(groups.size() + index, aggregate.name(), aggregate.type());
                }
                default -> {
                    // Bind the rest over the aggregated row: group columns and aggregation results by name.
                    Scope inner = new Scope(scope);
                    Map<Expression, BoundExpression> replaced = new java.util.IdentityHashMap<>();
                    collectAggregates(expression, replaced);
                    yield bindScalarWith(expression, inner, aggregatedRow(), replaced);
                }
            };
        }

        private void collectAggregates(Expression expression, Map<Expression, BoundExpression> replaced) {
            if (expression instanceof Expression.Call call && call.function() instanceof Expression.Name name) {
                FunctionSpec spec = functions.lookup(name.identifier().name());
                if (spec != null && spec.kind() == FunctionSpec.Kind.AGGREGATE) {
                    replaced.put(expression, bindOverAggregates(expression));
                    return;
                }
                for (Expression.Argument argument : call.arguments()) {
                    collectAggregates(argumentValue(argument), replaced);
                }
                return;
            }
            switch (expression) {
                case Expression.Binary binary -> {
                    collectAggregates(binary.left(), replaced);
                    collectAggregates(binary.right(), replaced);
                }
                case Expression.Unary unary -> collectAggregates(unary.operand(), replaced);
                case Expression.Parenthesized parenthesized -> collectAggregates(parenthesized.inner(), replaced);
                case Expression.Member member -> collectAggregates(member.target(), replaced);
                case Expression.Index index -> {
                    collectAggregates(index.target(), replaced);
                    collectAggregates(index.index(), replaced);
                }
                case Expression.Between between -> {
                    collectAggregates(between.value(), replaced);
                    collectAggregates(between.low(), replaced);
                    collectAggregates(between.high(), replaced);
                }
                case Expression.InList in -> {
                    collectAggregates(in.left(), replaced);
                    in.values().forEach(value -> collectAggregates(value, replaced));
                }
                default -> {
                }
            }
        }

        /** The row after aggregation as the binder sees it while finishing items. */
        private LogicalPlan aggregatedRow() {
            return new LogicalPlan.Values(schemaOf(groups, aggregates), List.of());
        }

        private void addArgExtreme(Expression.Call call, String function, Parts.NamedExpression column) {
            if (call.arguments().size() < 2) {
                throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, call.span(), function + " takes an expression and the "
                        + "columns to return: " + function + "(Expr, *)");
            }
            FunctionSpec spec = functions.lookup(function);
            BoundExpression extreme = bindScalar(argumentValue(call.arguments().get(0)), scope, input);
            String extremeName = inferredName(argumentValue(call.arguments().get(0)));
            List<BoundExpression> arguments = new ArrayList<>();
            List<String> names = new ArrayList<>();
            arguments.add(extreme);
            names.add(!column.names().isEmpty() ? column.names().get(0).name()
                    : extremeName != null ? extremeName : (function.equals("arg_max") ? "max_" : "min_") + "expr");
            for (int i = 1; i < call.arguments().size(); i++) {
                Expression argument = argumentValue(call.arguments().get(i));
                if (argument instanceof Expression.Star) {
                    // *: every input column not already a group column or the maximised one, in input order.
                    for (int c = 0; c < input.schema().size(); c++) {
                        Schema.Field field = input.schema().field(c);
                        final int inputColumn = c;
                        boolean isGroup = groups.stream().anyMatch(group -> group.expression()
                                instanceof BoundExpression.ColumnRef ref && ref.index() == inputColumn);
                        // The maximised column itself is not repeated, under whatever name it is returned:
                        // 'arg_max_x = arg_max(x, *)' over (x) is the one column arg_max_x (docs:
                        // summarize-operator.md's example of every aggregate over an empty table).
                        boolean isExtreme = extreme instanceof BoundExpression.ColumnRef ref && ref.index() == inputColumn;
                        if (isGroup || isExtreme || field.name().equals(names.get(0)) || names.contains(field.name())) {
                            continue;
                        }
                        arguments.add(new BoundExpression.ColumnRef(c, field.name(), field.type()));
                        names.add(field.name());
                    }
                } else {
                    arguments.add(bindScalar(argument, scope, input));
                    String name = call.arguments().get(i) instanceof Expression.NamedArgument named
                            ? named.name().name() : inferredName(argument);
                    names.add(name == null ? "Column" + (++unnamed) : name);
                }
            }
            List<ScalarType> types = arguments.stream().map(BoundExpression::type).toList();
            aggregates.add(new LogicalPlan.AggregateCall("__aggregate" + aggregates.size(), spec, arguments,
                    spec.resultType(types)));
            int index = aggregates.size() - 1;
            needsProjection = true;
            FunctionSpec element = functions.lookup("__element");
            BoundExpression row = new BoundExpression.ColumnRef(groups.size() + index, "__aggregate" + index,
                    ScalarType.DYNAMIC);
            for (int i = 0; i < arguments.size(); i++) {
                outputs.add(new LogicalPlan.Output(unique(names.get(i)), new BoundExpression.Call(element,
                        List.of(row, new BoundExpression.Constant(ScalarType.LONG, (long) i)), arguments.get(i).type())));
            }
        }

        private void addPercentiles(Expression.Call call, String function, String given) {
            if (call.arguments().size() < 2) {
                throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, call.span(), function + "(x, p1, p2, ...) needs percentiles");
            }
            boolean weighted = function.equals("percentilesw");
            Expression value = argumentValue(call.arguments().get(0));
            String base = inferredName(value);
            int first = weighted ? 2 : 1;
            FunctionSpec spec = functions.lookup(weighted ? "percentilew" : "percentile");
            for (int i = first; i < call.arguments().size(); i++) {
                List<Expression.Argument> arguments = new ArrayList<>(call.arguments().subList(0, first));
                arguments.add(call.arguments().get(i));
                Expression.Call single = new Expression.Call(call.function(), arguments, call.span());
                int index = addAggregate(single, spec);
                BoundExpression percentile = bindScalar(argumentValue(call.arguments().get(i)), scope, null);
                String suffix = percentile instanceof BoundExpression.Constant constant && constant.value() != null
                        ? constant.value().toString().replace('.', '_') : Integer.toString(i);
                // Weighted or not, Kusto names these percentile_<column>_<p> (docs and language service).
                String name = unique("percentile_" + (base == null ? "" : base) + "_" + suffix);
                rename(index, name);
                LogicalPlan.AggregateCall aggregate = aggregates.get(index);
                outputs.add(new LogicalPlan.Output(name, new BoundExpression.ColumnRef(groups.size() + index, name,
                        aggregate.type())));
            }
        }

        LogicalPlan build() {
            LogicalPlan aggregate = new LogicalPlan.Aggregate(input, groups, aggregates, schemaOf(groups, aggregates));
            if (!needsProjection) {
                return aggregate;
            }
            return project(aggregate, outputs);
        }
    }

    /** Binds with some sub-expressions already bound (aggregation calls inside summarize items). */
    private BoundExpression bindScalarWith(Expression expression, Scope scope, LogicalPlan input,
                                           Map<Expression, BoundExpression> replaced) {
        BoundExpression known = replaced.get(expression);
        if (known != null) {
            return known;
        }
        return switch (expression) {
            case Expression.Binary binary -> {
                BoundExpression left = bindScalarWith(binary.left(), scope, input, replaced);
                BoundExpression right = bindScalarWith(binary.right(), scope, input, replaced);
                warnIfUnlikeTypesEquated(binary, left.type(), right.type());
                yield call(binary.operator().text(), List.of(left, right), binary.span());
            }
            case Expression.Unary unary -> unary.operator() == dev.trawl.kql.syntax.ast.UnaryOperator.PLUS
                    ? bindScalarWith(unary.operand(), scope, input, replaced)
                    : call("__negate", List.of(bindScalarWith(unary.operand(), scope, input, replaced)), unary.span());
            case Expression.Parenthesized parenthesized -> bindScalarWith(parenthesized.inner(), scope, input, replaced);
            case Expression.Call call when call.function() instanceof Expression.Name name
                    && !(scope.find(name.identifier().name()) instanceof FunctionBinding) -> {
                // The function first: its arguments, bound over the aggregated row, would otherwise report
                // the aggregation's input columns as unknown (summarize cuont(x) is a misspelt function).
                if (functions.lookup(name.identifier().name()) == null) {
                    throw unknownFunction(name.identifier().name(), call.span());
                }
                List<BoundExpression> arguments = new ArrayList<>();
                for (Expression.Argument argument : call.arguments()) {
                    arguments.add(bindScalarWith(argumentValue(argument), scope, input, replaced));
                }
                yield call(name.identifier().name(), arguments, call.span());
            }
            default -> bindScalar(expression, scope, input);
        };
    }

    private LogicalPlan bindJoin(TabularOperator.Join join, LogicalPlan left, Scope scope) {
        LogicalPlan.JoinKind kind = LogicalPlan.JoinKind.INNERUNIQUE;
        for (Parts.OperatorParameter parameter : join.parameters()) {
            if (parameter.name().name().equals("kind") && parameter.value() instanceof Expression.Name name) {
                kind = switch (name.identifier().name()) {
                    case "inner" -> LogicalPlan.JoinKind.INNER;
                    case "leftouter" -> LogicalPlan.JoinKind.LEFTOUTER;
                    case "rightouter" -> LogicalPlan.JoinKind.RIGHTOUTER;
                    case "fullouter" -> LogicalPlan.JoinKind.FULLOUTER;
                    case "leftsemi" -> LogicalPlan.JoinKind.LEFTSEMI;
                    case "rightsemi" -> LogicalPlan.JoinKind.RIGHTSEMI;
                    case "leftanti", "anti", "leftantisemi" -> LogicalPlan.JoinKind.LEFTANTI;
                    case "rightanti", "rightantisemi" -> LogicalPlan.JoinKind.RIGHTANTI;
                    default -> LogicalPlan.JoinKind.INNERUNIQUE;
                };
            }
        }
        LogicalPlan right = bindTabular(join.right(), scope, null);
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        for (Expression condition : join.on()) {
            collectJoinKeys(condition, left.schema(), right.schema(), leftKeys, rightKeys);
        }
        if (leftKeys.isEmpty()) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, join.span(), "a join needs at least one 'on' key");
        }
        for (int i = 0; i < leftKeys.size(); i++) {
            ScalarType l = left.schema().field(leftKeys.get(i)).type();
            ScalarType r = right.schema().field(rightKeys.get(i)).type();
            if (l != r && !(l.isNumeric() && r.isNumeric())) {
                throw fail(DiagnosticCode.TYPE_MISMATCH, join.span(), "join keys '" + left.schema().field(leftKeys.get(i)).name()
                        + "' (" + l + ") and '" + right.schema().field(rightKeys.get(i)).name() + "' (" + r + ") differ in type");
            }
        }
        Schema schema = switch (kind) {
            case LEFTSEMI, LEFTANTI -> left.schema();
            case RIGHTSEMI, RIGHTANTI -> right.schema();
            default -> joinSchema(left.schema(), right.schema());
        };
        return new LogicalPlan.Join(left, right, kind, leftKeys, rightKeys, schema);
    }

    /** Left columns, then right ones; a right name already taken gets the first free numeric suffix (x1, x2...). */
    private static Schema joinSchema(Schema left, Schema right) {
        List<Schema.Field> fields = new ArrayList<>(left.fields());
        Set<String> names = new HashSet<>(left.names());
        for (Schema.Field field : right.fields()) {
            String name = field.name();
            for (int n = 1; names.contains(name); n++) {
                name = field.name() + n;
            }
            names.add(name);
            fields.add(new Schema.Field(name, field.type()));
        }
        return new Schema(fields);
    }

    private void collectJoinKeys(Expression condition, Schema left, Schema right, List<Integer> leftKeys,
                                 List<Integer> rightKeys) {
        if (condition instanceof Expression.Binary binary
                && binary.operator() == dev.trawl.kql.syntax.ast.BinaryOperator.AND) {
            collectJoinKeys(binary.left(), left, right, leftKeys, rightKeys);
            collectJoinKeys(binary.right(), left, right, leftKeys, rightKeys);
            return;
        }
        if (condition instanceof Expression.Name name) {
            String column = name.identifier().name();
            int l = left.indexOf(column);
            int r = right.indexOf(column);
            if (l < 0 || r < 0) {
                throw fail(DiagnosticCode.UNKNOWN_NAME, name.span(), "join key '" + column + "' must be a column of both sides"
                        + (l < 0 ? " (the left side has none)" : " (the right side has none)"));
            }
            leftKeys.add(l);
            rightKeys.add(r);
            return;
        }
        if (condition instanceof Expression.Binary binary
                && binary.operator() == dev.trawl.kql.syntax.ast.BinaryOperator.EQUAL) {
            String[] sides = {side(binary.left()), side(binary.right())};
            String[] names = {sideColumn(binary.left()), sideColumn(binary.right())};
            if (sides[0] != null && sides[1] != null && !sides[0].equals(sides[1])) {
                int leftIndex = sides[0].equals("$left") ? 0 : 1;
                int l = left.indexOf(names[leftIndex]);
                int r = right.indexOf(names[1 - leftIndex]);
                if (l < 0) {
                    throw fail(DiagnosticCode.UNKNOWN_NAME, condition.span(), "the left side has no column '" + names[leftIndex] + "'");
                }
                if (r < 0) {
                    throw fail(DiagnosticCode.UNKNOWN_NAME, condition.span(), "the right side has no column '" + names[1 - leftIndex] + "'");
                }
                leftKeys.add(l);
                rightKeys.add(r);
                return;
            }
        }
        throw fail(DiagnosticCode.INVALID_ARGUMENT, condition.span(),
                "join conditions are column names or $left.a == $right.b");
    }

    private static String side(Expression expression) {
        if (expression instanceof Expression.Member member && member.target() instanceof Expression.Name name) {
            String side = name.identifier().name();
            return side.equals("$left") || side.equals("$right") ? side : null;
        }
        return null;
    }

    private static String sideColumn(Expression expression) {
        return expression instanceof Expression.Member member ? member.member().name() : null;
    }

    private LogicalPlan bindMvExpand(TabularOperator.MvExpand expand, LogicalPlan input, Scope scope) {
        boolean bagAsArray = false;
        String itemIndex = null;
        for (Parts.OperatorParameter parameter : expand.parameters()) {
            String value = parameter.value() instanceof Expression.Name name ? name.identifier().name() : "";
            switch (parameter.name().name()) {
                case "kind", "bagexpansion" -> bagAsArray = value.equals("array");
                case "with_itemindex" -> itemIndex = value;
                default -> {
                }
            }
        }
        List<LogicalPlan.ExpandItem> items = new ArrayList<>();
        List<Schema.Field> fields = new ArrayList<>(input.schema().fields());
        for (Parts.MvExpandItem item : expand.items()) {
            BoundExpression source = bindScalar(item.value().value(), scope, input);
            // mv-expand parse_json(Folders) expands into a column named Folders.
            String name = item.value().names().isEmpty() ? groupName(item.value().value()) : item.value().names().get(0).name();
            if (name == null) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, item.span(), "name the expanded expression: mv-expand Name = ...");
            }
            ScalarType type = item.toType() instanceof Parts.ScalarType scalar ? typeOf(scalar) : ScalarType.DYNAMIC;
            int replaces = input.schema().indexOf(name);
            if (replaces >= 0) {
                fields.set(replaces, new Schema.Field(name, type));
            } else {
                fields.add(new Schema.Field(name, type));
            }
            items.add(new LogicalPlan.ExpandItem(name, source, replaces, type));
        }
        if (itemIndex != null) {
            fields.add(new Schema.Field(itemIndex, ScalarType.LONG));
        }
        long limit = expand.limit() == null ? (expand.keyword().equals("mvexpand") ? 128 : Integer.MAX_VALUE)
                : constantLong(expand.limit(), scope);
        return new LogicalPlan.MvExpand(input, items, bagAsArray, itemIndex, limit, new Schema(fields));
    }

    private LogicalPlan bindMvApply(TabularOperator.MvApply apply, LogicalPlan input, Scope scope) {
        TabularOperator.MvExpand asExpand = new TabularOperator.MvExpand("mv-expand", apply.parameters(), apply.items(),
                apply.limit(), apply.span());
        LogicalPlan.MvExpand expansion = (LogicalPlan.MvExpand) bindMvExpand(asExpand, input, scope);
        String context = "$mv-apply-context-" + (contextTables++);
        LogicalPlan contextScan = new LogicalPlan.TableScan(context, expansion.schema());
        LogicalPlan subquery = bindTabular(apply.subquery(), scope, contextScan);
        // The result pairs each input row with its sub-query's rows: the row's columns (replaced by the
        // sub-query's column of the same name), then the sub-query's other columns.
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : input.schema().fields()) {
            int produced = subquery.schema().indexOf(field.name());
            fields.add(produced >= 0 ? subquery.schema().field(produced) : field);
        }
        for (Schema.Field field : subquery.schema().fields()) {
            if (input.schema().indexOf(field.name()) < 0) {
                fields.add(field);
            }
        }
        return new LogicalPlan.MvApply(input, expansion, context, subquery, new Schema(fields));
    }

    /** Aggregations make-series accepts: those returning numbers (docs: make-series-operator.md). */
    private static final Set<String> SERIES_AGGREGATES = Set.of("avg", "avgif", "count", "countif", "covariance",
            "covarianceif", "covariancep", "covariancepif", "dcount", "dcountif", "max", "maxif", "min", "minif",
            "percentile", "take_any", "stdev", "stdevif", "sum", "sumif", "variance", "varianceif", "variancep",
            "variancepif");

    private LogicalPlan bindMakeSeries(TabularOperator.MakeSeries series, LogicalPlan input, Scope scope) {
        boolean nonEmpty = false;
        for (Parts.OperatorParameter parameter : series.parameters()) {
            if (parameter.name().name().equals("kind") && parameter.value() instanceof Expression.Name name) {
                nonEmpty = name.identifier().name().equals("nonempty");
            }
        }
        List<LogicalPlan.Output> groups = new ArrayList<>();
        for (Parts.NamedExpression column : series.by()) {
            BoundExpression value = bindScalar(column.value(), scope, input);
            String name = column.names().isEmpty() ? groupName(column.value()) : column.names().get(0).name();
            groups.add(new LogicalPlan.Output(name == null ? "Column" + (groups.size() + 1) : name, value));
        }
        BoundExpression axis = bindScalar(series.axis(), scope, input);
        ScalarType axisType = axis.type();
        if (!(axisType.isNumeric() || axisType == ScalarType.DATETIME || axisType == ScalarType.TIMESPAN)) {
            throw fail(DiagnosticCode.TYPE_MISMATCH, series.axis().span(),
                    "the make-series axis must be a datetime, timespan or number, not " + axisType);
        }
        String axisName = inferredName(series.axis());
        if (axisName == null) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, series.axis().span(), "the make-series axis must be a column");
        }
        Set<String> used = new HashSet<>();
        groups.forEach(group -> used.add(group.name()));
        List<LogicalPlan.AggregateCall> aggregates = new ArrayList<>();
        List<Object> defaults = new ArrayList<>();
        for (Parts.MakeSeriesAggregate item : series.aggregates()) {
            Parts.NamedExpression column = item.aggregate();
            String given = column.names().isEmpty() ? null : column.names().get(0).name();
            BoundExpression constantValue = null;
            FunctionSpec spec;
            List<BoundExpression> arguments = new ArrayList<>();
            if (column.value() instanceof Expression.Call call && call.function() instanceof Expression.Name name
                    && functions.lookup(name.identifier().name()) != null
                    && functions.lookup(name.identifier().name()).kind() == FunctionSpec.Kind.AGGREGATE) {
                spec = functions.lookup(name.identifier().name());
                if (!SERIES_AGGREGATES.contains(spec.name())) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, call.span(), "make-series cannot use '" + spec.name()
                            + "': only aggregations that return numbers");
                }
                for (Expression.Argument argument : call.arguments()) {
                    arguments.add(bindScalar(argumentValue(argument), scope, input));
                }
                checkArity(spec, arguments.size(), call.span());
            } else {
                // A constant "aggregation" (other=-1) gives that value for bins with rows (docs example).
                constantValue = bindScalar(column.value(), scope, null);
                spec = functions.lookup("take_any");
                arguments.add(constantValue);
            }
            ScalarType type = spec.resultType(arguments.stream().map(BoundExpression::type).toList());
            if (type == null) {
                throw fail(DiagnosticCode.TYPE_MISMATCH, column.span(), "'" + spec.name() + "' does not accept these arguments");
            }
            String name = given;
            if (name == null) {
                List<String> argumentNames = column.value() instanceof Expression.Call call ? argumentNames(call) : List.of();
                name = constantValue != null ? "Column" + (aggregates.size() + 1) : spec.aggregateColumnName(argumentNames);
            }
            String unique = name;
            for (int n = 1; !used.add(unique); n++) {
                unique = name + n;
            }
            aggregates.add(new LogicalPlan.AggregateCall(unique, spec, arguments, type));
            Object defaultValue = 0L;
            if (item.defaultValue() != null) {
                BoundExpression value = bindScalar(item.defaultValue(), scope, null);
                if (!(value instanceof BoundExpression.Constant) && dataSchemas != null && isFoldable(value)) {
                    value = new BoundExpression.Constant(value.type(), dataSchemas.evaluateConstant(value));
                }
                if (!(value instanceof BoundExpression.Constant constant)) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, item.defaultValue().span(), "default= needs a constant");
                }
                defaultValue = constant.value();
            }
            defaults.add(defaultValue);
        }
        BoundExpression from = series.from() == null ? null : bindScalar(series.from(), scope, null);
        BoundExpression to = series.to() == null ? null : bindScalar(series.to(), scope, null);
        BoundExpression step = bindScalar(series.step(), scope, null);
        List<Schema.Field> fields = new ArrayList<>();
        for (LogicalPlan.Output group : groups) {
            fields.add(new Schema.Field(group.name(), group.expression().type()));
        }
        for (LogicalPlan.AggregateCall aggregate : aggregates) {
            fields.add(new Schema.Field(aggregate.name(), ScalarType.DYNAMIC));
        }
        String axisColumn = axisName;
        for (int n = 1; used.contains(axisColumn); n++) {
            axisColumn = axisName + n;
        }
        fields.add(new Schema.Field(axisColumn, ScalarType.DYNAMIC));
        return new LogicalPlan.MakeSeries(input, groups, aggregates, defaults, axis, axisColumn, from, to, step,
                series.inRange(), nonEmpty, new Schema(fields));
    }

    /**
     * project-by-names: columns named by strings, arrays of strings or wildcard patterns, in the order
     * given; names that match no column are ignored (docs: project-by-names-operator.md).
     */
    private LogicalPlan bindProjectByNames(TabularOperator.ProjectByNames byNames, LogicalPlan input, Scope scope) {
        List<String> requested = new ArrayList<>();
        for (Expression argument : byNames.columns()) {
            if (argument instanceof Expression.Call call && call.function() instanceof Expression.Name name
                    && name.identifier().name().equals("column_names_of") && call.arguments().size() == 1) {
                requested.addAll(bindTabular(argumentValue(call.arguments().get(0)), scope, null).schema().names());
                continue;
            }
            BoundExpression value = bindScalar(argument, scope, null);
            if (!(value instanceof BoundExpression.Constant constant)) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, argument.span(),
                        "project-by-names takes constant names, arrays of names, or column_names_of(T)");
            }
            if (constant.value() instanceof String text) {
                requested.add(text);
            } else if (constant.value() instanceof List<?> list) {
                for (Object element : list) {
                    if (element instanceof String text) {
                        requested.add(text);
                    }
                }
            }
        }
        List<LogicalPlan.Output> outputs = new ArrayList<>();
        boolean[] taken = new boolean[input.schema().size()];
        for (String name : requested) {
            for (int i = 0; i < input.schema().size(); i++) {
                if (!taken[i] && matches(name, input.schema().field(i).name())) {
                    taken[i] = true;
                    outputs.add(passThrough(input.schema(), i));
                }
            }
        }
        return closedProject(input, outputs);
    }

    private LogicalPlan bindTopNested(TabularOperator.TopNested nested, LogicalPlan input, Scope scope) {
        List<LogicalPlan.TopNestedLevel> levels = new ArrayList<>();
        List<Schema.Field> fields = new ArrayList<>();
        for (Parts.TopNestedLevel level : nested.levels()) {
            long count = level.count() == null ? -1 : constantLong(level.count(), scope);
            BoundExpression of = bindScalar(level.of().value(), scope, input);
            String ofName = !level.of().names().isEmpty() ? level.of().names().get(0).name() : inferredName(level.of().value());
            if (ofName == null) {
                ofName = "Column" + (fields.size() + 1);
            }
            Object others = null;
            if (level.others() != null) {
                BoundExpression value = bindScalar(level.others(), scope, null);
                if (!(value instanceof BoundExpression.Constant constant)) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, level.others().span(), "'with others' needs a constant");
                }
                others = constant.value();
            }
            if (!(level.by().value() instanceof Expression.Call call) || !(call.function() instanceof Expression.Name name)
                    || functions.lookup(name.identifier().name()) == null
                    || functions.lookup(name.identifier().name()).kind() != FunctionSpec.Kind.AGGREGATE) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, level.by().span(), "top-nested ranks by an aggregation such as count()");
            }
            FunctionSpec spec = functions.lookup(name.identifier().name());
            List<BoundExpression> arguments = new ArrayList<>();
            for (Expression.Argument argument : call.arguments()) {
                arguments.add(bindScalar(argumentValue(argument), scope, input));
            }
            checkArity(spec, arguments.size(), call.span());
            ScalarType type = spec.resultType(arguments.stream().map(BoundExpression::type).toList());
            String byName = !level.by().names().isEmpty() ? level.by().names().get(0).name() : "aggregated_" + ofName;
            levels.add(new LogicalPlan.TopNestedLevel(count, new LogicalPlan.Output(ofName, of), others,
                    level.others() != null, new LogicalPlan.AggregateCall(byName, spec, arguments, type),
                    level.direction() != Parts.SortDirection.ASC));
            fields.add(new Schema.Field(ofName, of.type()));
            fields.add(new Schema.Field(byName, type));
        }
        return new LogicalPlan.TopNested(input, levels, new Schema(fields));
    }

    private LogicalPlan bindScan(TabularOperator.Scan scan, LogicalPlan input, Scope scope) {
        String matchId = null;
        for (Parts.OperatorParameter parameter : scan.parameters()) {
            if (parameter.name().name().equals("with_match_id") && parameter.value() instanceof Expression.Name name) {
                matchId = name.identifier().name();
            }
        }
        List<Schema.Field> declared = new ArrayList<>();
        List<Object> defaults = new ArrayList<>();
        for (Parts.Parameter parameter : scan.declarations()) {
            if (!(parameter.type() instanceof Parts.ScalarType scalar)) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, parameter.span(), "scan declares scalar columns");
            }
            ScalarType type = typeOf(scalar);
            declared.add(new Schema.Field(parameter.name().name(), type));
            Object value = null;
            if (parameter.defaultValue() != null) {
                BoundExpression bound = bindScalar(parameter.defaultValue(), scope, null);
                if (!(bound instanceof BoundExpression.Constant constant)) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, parameter.defaultValue().span(), "a default must be a constant");
                }
                value = Conversions.convertConstant(constant.value(), constant.type(), type);
            }
            defaults.add(type == ScalarType.STRING && value == null ? "" : value);
        }
        List<Schema.Field> rowFields = new ArrayList<>(input.schema().fields());
        rowFields.addAll(declared);
        int width = rowFields.size();
        Set<String> stepNames = new HashSet<>();
        for (Parts.ScanStep step : scan.steps()) {
            if (!stepNames.add(step.name().name())) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, step.name().span(), "step names must be unique");
            }
            for (int c = 0; c < width; c++) {
                rowFields.add(new Schema.Field(step.name().name() + "." + rowFields.get(c).name(), rowFields.get(c).type()));
            }
        }
        LogicalPlan row = new LogicalPlan.Values(new Schema(rowFields), List.of());
        List<LogicalPlan.ScanStep> steps = new ArrayList<>();
        for (Parts.ScanStep step : scan.steps()) {
            String output = step.output() == null ? "all" : step.output().name();
            if (!output.equals("all") && !output.equals("none")) {
                throw fail(DiagnosticCode.NOT_SUPPORTED, step.output().span(), "scan output=" + output + " is not supported yet");
            }
            BoundExpression condition = bindScalar(stateReferences(step.condition(), stepNames), scope, row);
            List<Integer> assigned = new ArrayList<>();
            List<BoundExpression> assignments = new ArrayList<>();
            for (Parts.NamedExpression assignment : step.assignments()) {
                if (assignment.names().size() != 1) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, assignment.span(), "a scan assignment is column = expression");
                }
                String target = assignment.names().get(0).name();
                int index = -1;
                for (int d = 0; d < declared.size(); d++) {
                    if (declared.get(d).name().equals(target)) {
                        index = d;
                    }
                }
                if (index < 0) {
                    throw fail(DiagnosticCode.UNKNOWN_NAME, assignment.names().get(0).span(),
                            "'" + target + "' is not a column declared by this scan");
                }
                assigned.add(index);
                assignments.add(bindScalar(stateReferences(assignment.value(), stepNames), scope, row));
            }
            steps.add(new LogicalPlan.ScanStep(step.name().name(), output, condition, assigned, assignments));
        }
        List<Schema.Field> fields = new ArrayList<>(input.schema().fields());
        fields.addAll(declared);
        if (matchId != null) {
            fields.add(new Schema.Field(matchId, ScalarType.LONG));
        }
        return new LogicalPlan.Scan(input, declared, defaults, steps, matchId, new Schema(rowFields), new Schema(fields));
    }

    /** {@code step.column} in a scan condition reads the state column named "step.column". */
    private static Expression stateReferences(Expression expression, Set<String> steps) {
        return switch (expression) {
            case Expression.Member member when member.target() instanceof Expression.Name name
                    && steps.contains(name.identifier().name()) -> new Expression.Name(new Identifier(
                    name.identifier().name() + "." + member.member().name(), member.span()), member.span());
            case Expression.Binary binary -> new Expression.Binary(binary.operator(), stateReferences(binary.left(), steps),
                    stateReferences(binary.right(), steps), binary.span());
            case Expression.Unary unary -> new Expression.Unary(unary.operator(), stateReferences(unary.operand(), steps),
                    unary.span());
            case Expression.Parenthesized parenthesized -> new Expression.Parenthesized(
                    stateReferences(parenthesized.inner(), steps), parenthesized.span());
            case Expression.Call call -> new Expression.Call(call.function(), call.arguments().stream()
                    .map(argument -> (Expression.Argument) switch (argument) {
                        case Expression.Positional positional -> new Expression.Positional(
                                stateReferences(positional.value(), steps), positional.span());
                        case Expression.NamedArgument named -> new Expression.NamedArgument(named.name(),
                                stateReferences(named.value(), steps), named.span());
                    }).toList(), call.span());
            case Expression.Between between -> new Expression.Between(stateReferences(between.value(), steps),
                    stateReferences(between.low(), steps), stateReferences(between.high(), steps), between.negated(),
                    between.span());
            case Expression.InList in -> new Expression.InList(in.operator(), stateReferences(in.left(), steps),
                    in.values().stream().map(value -> stateReferences(value, steps)).toList(), in.span());
            default -> expression;
        };
    }

    private LogicalPlan bindParseKv(TabularOperator.ParseKv parseKv, LogicalPlan input, Scope scope) {
        BoundExpression source = bindScalar(parseKv.source(), scope, input);
        List<Schema.Field> keys = new ArrayList<>();
        for (Parts.ColumnDeclaration column : parseKv.schema().columns()) {
            keys.add(new Schema.Field(column.name().name(), typeOf(column.type())));
        }
        Map<String, Object> options = new HashMap<>();
        for (Parts.OperatorParameter option : parseKv.options()) {
            BoundExpression value = bindScalar(option.value(), scope, null);
            if (!(value instanceof BoundExpression.Constant constant)) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, option.span(), "parse-kv options must be constants");
            }
            String name = option.name().name();
            if (!Set.of("pair_delimiter", "kv_delimiter", "quote", "escape", "greedy", "regex").contains(name)) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, option.name().span(), "unknown parse-kv option '" + name + "'");
            }
            options.put(name, constant.value());
        }
        List<Schema.Field> fields = new ArrayList<>(input.schema().fields());
        for (Schema.Field key : keys) {
            int existing = input.schema().indexOf(key.name());
            if (existing >= 0) {
                fields.set(existing, key);
            } else {
                fields.add(key);
            }
        }
        return new LogicalPlan.ParseKv(input, source, keys, (String) options.get("pair_delimiter"),
                (String) options.get("kv_delimiter"), (String) options.get("quote"), (String) options.get("escape"),
                Boolean.TRUE.equals(options.get("greedy")), (String) options.get("regex"), new Schema(fields));
    }

    private LogicalPlan bindParse(TabularOperator.Parse parse, LogicalPlan input, Scope scope) {
        String kind = "simple";
        String flags = null;
        Parts.OperatorParameter flagsParameter = null;
        for (Parts.OperatorParameter parameter : parse.parameters()) {
            if (parameter.name().name().equals("kind") && parameter.value() instanceof Expression.Name name) {
                kind = name.identifier().name();
            } else if (parameter.name().name().equals("flags")) {
                if (!(parameter.value() instanceof Expression.Name name)) {
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, parameter.span(), "flags= takes regex flags such as Ui");
                }
                flags = name.identifier().name();
                flagsParameter = parameter;
                for (char flag : flags.toCharArray()) {
                    if ("Uims".indexOf(flag) < 0) {
                        throw fail(DiagnosticCode.INVALID_ARGUMENT, parameter.span(), "unknown regex flag '" + flag
                                + "': parse takes U (ungreedy), i (ignore case), m (multi-line) and s (. matches \\n)");
                    }
                }
            }
        }
        boolean regexKind = kind.equals("regex");
        if (flags != null && !regexKind) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, flagsParameter.span(), "flags= is for parse kind=regex");
        }
        BoundExpression source = bindScalar(parse.source(), scope, input);
        // The pattern as RE2: kind=regex's texts are regexes and its flags apply to the whole pattern; the other
        // kinds' texts are literals, and their * and columns cross line ends.
        StringBuilder regex = new StringBuilder(regexKind ? (flags == null ? "" : "(?" + flags + ")") : "(?s)");
        List<Schema.Field> columns = new ArrayList<>();
        List<Parts.ParsePatternPart> pattern = parse.pattern();
        for (int i = 0; i < pattern.size(); i++) {
            boolean last = i == pattern.size() - 1;
            switch (pattern.get(i)) {
                case Parts.ParseText text -> regex.append(regexKind ? text.text().value()
                        : java.util.regex.Pattern.quote(text.text().value()));
                case Parts.ParseStar star -> regex.append(regexKind || !last ? ".*?" : ".*");
                case Parts.ParseColumn column -> {
                    ScalarType type = column.type() == null ? ScalarType.STRING : typeOf(column.type());
                    regex.append("(?P<").append(LogicalPlan.Parse.columnGroup(columns.size())).append('>')
                            .append(regexKind ? ParsePatterns.regexGroupFor(type)
                                    : kind.equals("relaxed") ? ParsePatterns.relaxedGroupFor(type, last)
                                    : ParsePatterns.groupFor(type, last))
                            .append(')');
                    columns.add(new Schema.Field(column.name().name(), type));
                }
            }
        }
        List<Schema.Field> fields = new ArrayList<>(input.schema().fields());
        for (Schema.Field column : columns) {
            int existing = input.schema().indexOf(column.name());
            if (existing >= 0) {
                fields.set(existing, column);
            } else {
                fields.add(column);
            }
        }
        return new LogicalPlan.Parse(input, source, regex.toString(), columns, parse.keyword().equals("parse-where"),
                kind.equals("relaxed"), new Schema(fields));
    }

    private LogicalPlan bindLookup(TabularOperator.Lookup lookup, LogicalPlan left, Scope scope) {
        LogicalPlan.JoinKind kind = LogicalPlan.JoinKind.LEFTOUTER;
        for (Parts.OperatorParameter parameter : lookup.parameters()) {
            if (parameter.name().name().equals("kind") && parameter.value() instanceof Expression.Name name
                    && name.identifier().name().equals("inner")) {
                kind = LogicalPlan.JoinKind.INNER;
            }
        }
        LogicalPlan right = bindTabular(lookup.right(), scope, null);
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        for (Expression condition : lookup.on()) {
            collectJoinKeys(condition, left.schema(), right.schema(), leftKeys, rightKeys);
        }
        LogicalPlan join = new LogicalPlan.Join(left, right, kind, leftKeys, rightKeys,
                joinSchema(left.schema(), right.schema()));
        // lookup does not repeat the right side's key columns.
        List<LogicalPlan.Output> outputs = new ArrayList<>();
        for (int i = 0; i < join.schema().size(); i++) {
            int rightIndex = i - left.schema().size();
            if (rightIndex >= 0 && rightKeys.contains(rightIndex)) {
                continue;
            }
            outputs.add(passThrough(join.schema(), i));
        }
        return project(join, outputs);
    }

    private LogicalPlan bindEvaluate(TabularOperator.Evaluate evaluate, LogicalPlan input, Scope scope) {
        Expression.Call plugin = evaluate.plugin();
        String name = plugin.function() instanceof Expression.Name n ? n.identifier().name() : "";
        return switch (name) {
            case "bag_unpack" -> bindBagUnpack(evaluate, input, scope);
            case "pivot" -> bindPivot(evaluate, input, scope);
            default -> throw fail(DiagnosticCode.NOT_SUPPORTED, plugin.span(), "the '" + name + "' plugin is not supported yet");
        };
    }

    /** The aggregations pivot takes (docs: pivot-plugin.md, "Currently supported functions"). */
    private static final List<String> PIVOT_AGGREGATES = List.of("min", "max", "take_any", "sum", "dcount", "avg",
            "stdev", "variance", "make_list", "make_bag", "make_set", "count");

    /**
     * evaluate pivot(pivotColumn [, aggregationFunction] [, column1, column2, ...]) [: OutputSchema]. The
     * aggregation defaults to count(); the by columns to every column but the pivot column and the
     * aggregation's column. The value columns come from the output schema if there is one, else from the
     * data (the engine runs the input first, as Kusto does); bound without either, the schema is open.
     */
    private LogicalPlan bindPivot(TabularOperator.Evaluate evaluate, LogicalPlan input, Scope scope) {
        Expression.Call plugin = evaluate.plugin();
        List<Expression.Argument> arguments = plugin.arguments();
        if (arguments.isEmpty()) {
            throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, plugin.span(),
                    "pivot(pivotColumn [, aggregationFunction] [, column1, column2, ...])");
        }
        int column = pivotColumnIndex(argumentValue(arguments.get(0)), input);
        if (input.schema().field(column).type() == ScalarType.DYNAMIC) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, arguments.get(0).span(), "pivot's column cannot be dynamic: "
                    + "its values name the output columns");
        }
        int next = 1;
        Expression.Call aggregation = new Expression.Call(new Expression.Name(new Identifier("count", plugin.span()),
                plugin.span()), List.of(), plugin.span());
        if (arguments.size() > 1 && argumentValue(arguments.get(1)) instanceof Expression.Call call
                && call.function() instanceof Expression.Name function
                && functions.lookup(function.identifier().name()) != null
                && functions.lookup(function.identifier().name()).kind() == FunctionSpec.Kind.AGGREGATE) {
            aggregation = call;
            next = 2;
        }
        String aggregationName = ((Expression.Name) aggregation.function()).identifier().name();
        if (!PIVOT_AGGREGATES.contains(aggregationName)) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, aggregation.span(), "pivot does not take '" + aggregationName
                    + "'", "pivot's aggregations: " + String.join(", ", PIVOT_AGGREGATES));
        }
        SummarizeBuilder builder = new SummarizeBuilder(List.of(), input, scope);
        LogicalPlan.AggregateCall aggregate = builder.aggregates.get(builder.addAggregate(aggregation,
                functions.lookup(aggregationName)));
        int aggregated = !aggregation.arguments().isEmpty()
                && argumentValue(aggregation.arguments().get(0)) instanceof Expression.Name argument
                ? input.schema().indexOf(argument.identifier().name()) : -1;
        List<Integer> groups = new ArrayList<>();
        for (int i = next; i < arguments.size(); i++) {
            groups.add(pivotColumnIndex(argumentValue(arguments.get(i)), input));
        }
        if (next == arguments.size()) {
            for (int i = 0; i < input.schema().size(); i++) {
                if (i != column && i != aggregated) {
                    groups.add(i);
                }
            }
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (int group : groups) {
            fields.add(input.schema().field(group));
        }
        List<String> values = new ArrayList<>();
        boolean open = false;
        if (evaluate.outputSchema() != null) {
            List<Parts.ColumnDeclaration> declared = evaluate.outputSchema().columns();
            for (int i = 0; i < declared.size(); i++) {
                String declaredName = declared.get(i).name().name();
                ScalarType declaredType = typeOf(declared.get(i).type());
                if (i < groups.size()) {
                    Schema.Field group = fields.get(i);
                    if (!group.name().equals(declaredName) || group.type() != declaredType) {
                        throw fail(DiagnosticCode.TYPE_MISMATCH, declared.get(i).span(), "pivot's output schema starts "
                                + "with its by columns: expected " + group.name() + ":" + group.type().kqlName() + " here");
                    }
                } else {
                    values.add(declaredName);
                    fields.add(new Schema.Field(declaredName, declaredType));
                }
            }
        } else if (dataSchemas != null) {
            for (String value : dataSchemas.pivotColumns(input, column)) {
                // Kusto's documentation names a value's column by the value; it does not say what becomes of
                // an empty value or one that is also a by column's name, so Trawl does not guess.
                if (value.isEmpty() || groups.stream().anyMatch(g -> input.schema().field(g).name().equals(value))) {
                    throw fail(DiagnosticCode.NOT_SUPPORTED, evaluate.span(), "pivot's column '"
                            + input.schema().field(column).name() + "' holds " + (value.isEmpty()
                            ? "an empty value" : "the value '" + value + "', the name of a by column")
                            + "; Kusto's documentation does not say how pivot names its column");
                }
                values.add(value);
                fields.add(new Schema.Field(value, aggregate.type()));
            }
        } else {
            open = true;
        }
        return new LogicalPlan.Pivot(input, column, aggregate, groups, values, new Schema(fields, open));
    }

    private int pivotColumnIndex(Expression argument, LogicalPlan input) {
        if (!(argument instanceof Expression.Name name)) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, argument.span(), "pivot takes column names here");
        }
        int index = input.schema().indexOf(name.identifier().name());
        if (index < 0) {
            throw unknown(name.identifier(), "column", new HashSet<>(input.schema().names()));
        }
        return index;
    }

    private LogicalPlan bindBagUnpack(TabularOperator.Evaluate evaluate, LogicalPlan input, Scope scope) {
        Expression.Call plugin = evaluate.plugin();
        if (plugin.arguments().isEmpty()) {
            throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, plugin.span(), "bag_unpack(column [, prefix])");
        }
        Expression column = argumentValue(plugin.arguments().get(0));
        int index = column instanceof Expression.Name columnName ? input.schema().indexOf(columnName.identifier().name()) : -1;
        if (index < 0 || input.schema().field(index).type() != ScalarType.DYNAMIC) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, column.span(), "bag_unpack needs a dynamic column of the input");
        }
        String prefix = "";
        String conflicts = "error";
        Set<String> ignored = new HashSet<>();
        for (int i = 1; i < plugin.arguments().size(); i++) {
            Expression.Argument argument = plugin.arguments().get(i);
            BoundExpression value = bindScalar(argumentValue(argument), scope, null);
            String text = value instanceof BoundExpression.Constant constant && constant.value() instanceof String t ? t : null;
            String parameter = argument instanceof Expression.NamedArgument named ? named.name().name()
                    : i == 1 ? "OutputColumnPrefix" : i == 2 ? "columnsConflict" : "ignoredProperties";
            switch (parameter) {
                case "OutputColumnPrefix" -> prefix = text == null ? "" : text;
                case "columnsConflict" -> conflicts = text == null ? "error" : text;
                case "ignoredProperties" -> {
                    // The properties left out (docs: bag-unpack-plugin.md): a constant array of names.
                    if (!(value instanceof BoundExpression.Constant constant && constant.value() instanceof List<?> names)
                            || !names.stream().allMatch(String.class::isInstance)) {
                        throw fail(DiagnosticCode.INVALID_ARGUMENT, argument.span(),
                                "bag_unpack's ignoredProperties is a constant array of property names, such as "
                                        + "dynamic(['Address', 'Age'])");
                    }
                    names.forEach(name -> ignored.add((String) name));
                }
                default -> throw fail(DiagnosticCode.INVALID_ARGUMENT, argument.span(),
                        "bag_unpack has no '" + parameter + "' argument (OutputColumnPrefix, columnsConflict, ignoredProperties)");
            }
        }
        List<Schema.Field> added = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        if (evaluate.outputSchema() != null) {
            for (Parts.ColumnDeclaration declaration : evaluate.outputSchema().columns()) {
                if (!ignored.contains(declaration.name().name())) {
                    added.add(new Schema.Field(declaration.name().name(), typeOf(declaration.type())));
                    keys.add(declaration.name().name());
                }
            }
        } else if (dataSchemas != null) {
            for (Schema.Field field : dataSchemas.bagUnpackColumns(input, index, "").fields()) {
                if (!ignored.contains(field.name())) {
                    added.add(new Schema.Field(prefix + field.name(), field.type()));
                    keys.add(field.name());
                }
            }
        } else {
            throw fail(DiagnosticCode.NOT_SUPPORTED, evaluate.span(),
                    "bag_unpack without an output schema needs the data to know its columns");
        }
        List<Schema.Field> fields = new ArrayList<>();
        List<String> bagKeys = new ArrayList<>();
        for (int i = 0; i < input.schema().size(); i++) {
            if (i != index) {
                fields.add(input.schema().field(i));
                bagKeys.add(null);
            }
        }
        for (int a = 0; a < added.size(); a++) {
            Schema.Field field = added.get(a);
            int existing = -1;
            for (int f = 0; f < fields.size(); f++) {
                if (fields.get(f).name().equals(field.name())) {
                    existing = f;
                }
            }
            if (existing < 0) {
                fields.add(field);
                bagKeys.add(keys.get(a));
            } else if (conflicts.equals("replace_source")) {
                fields.set(existing, field);
                bagKeys.set(existing, keys.get(a));
            } else if (!conflicts.equals("keep_source")) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, evaluate.span(), "bag_unpack: the property '" + field.name()
                        + "' clashes with an input column; pass columnsConflict='replace_source' or 'keep_source'");
            }
        }
        return new LogicalPlan.BagUnpack(input, index, bagKeys, new Schema(fields));
    }

    private LogicalPlan.SortKey sortKey(Parts.SortKey key, LogicalPlan input, Scope scope) {
        BoundExpression value = bindScalar(key.value(), scope, input);
        boolean descending = key.direction() != Parts.SortDirection.ASC;
        boolean nullsFirst = key.nulls() == null ? !descending : key.nulls() == Parts.NullsPlacement.FIRST;
        return new LogicalPlan.SortKey(value, descending, nullsFirst);
    }

    private long constantLong(Expression expression, Scope scope) {
        BoundExpression value = bindScalar(expression, scope, null);
        if (value instanceof BoundExpression.Constant constant && constant.value() instanceof Number number) {
            return number.longValue();
        }
        throw fail(DiagnosticCode.INVALID_ARGUMENT, expression.span(), "expected a constant number");
    }

    private boolean[] matchPatterns(List<Parts.NamePattern> patterns, Schema schema) {
        boolean[] matched = new boolean[schema.size()];
        for (Parts.NamePattern pattern : patterns) {
            boolean any = false;
            for (int i = 0; i < schema.size(); i++) {
                if (matches(pattern.text(), schema.field(i).name())) {
                    matched[i] = true;
                    any = true;
                }
            }
            if (!any && !pattern.isWildcard()) {
                throw unknown(new Identifier(pattern.text(), pattern.span()), "column", new HashSet<>(schema.names()));
            }
        }
        return matched;
    }

    /** "Granny" order: runs of digits compare as numbers (a2 before a10). */
    static int grannyCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int compared = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (compared != 0) {
                    return compared;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Wildcard match where '*' stands for any run of characters. */
    /**
     * Adds to a union's inputs (and their source names) the catalog's tables and the views this query declares
     * ({@code let V = view () {...}}) whose names match a wildcard pattern, in name order: what {@code union *},
     * {@code search} without tables and a wildcard in {@code search in (...)} read. A view named like a table
     * takes its place, as the name does in the query. Returns how many were added.
     */
    private int addTablesAndViews(Scope scope, String pattern, Span span, List<LogicalPlan> inputs,
                                  List<String> sourceNames) {
        Map<String, LogicalPlan> matched = new java.util.TreeMap<>();
        for (String name : tables.names()) {
            if (matches(pattern, name)) {
                matched.put(name, new LogicalPlan.TableScan(name, tables.schema(name)));
            }
        }
        for (String name : scope.allNames()) {
            if (matches(pattern, name) && scope.find(name) instanceof FunctionBinding function
                    && function.function().view() && function.function().parameters().isEmpty()) {
                matched.put(name, bindTabular(new Expression.Name(new Identifier(name, span), span), scope, null));
            }
        }
        inputs.addAll(matched.values());
        sourceNames.addAll(matched.keySet());
        return matched.size();
    }

    static boolean matches(String pattern, String name) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(name);
        }
        String regex = java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q");
        return name.matches(regex);
    }

    private static LogicalPlan.Output passThrough(Schema schema, int index) {
        Schema.Field field = schema.field(index);
        return new LogicalPlan.Output(field.name(), new BoundExpression.ColumnRef(index, field.name(), field.type()));
    }

    /**
     * A projection that keeps the input's unnamed columns, if it has any (extend, project-away, -keep,
     * -rename, -reorder): over an open schema its result is open too.
     */
    private static LogicalPlan project(LogicalPlan input, List<LogicalPlan.Output> outputs) {
        return new LogicalPlan.Project(input, outputs, schemaOf(outputs, List.of()).withOpen(input.schema().open()));
    }

    /** A projection of exactly these columns (project, project-by-names): its schema is closed. */
    private static LogicalPlan closedProject(LogicalPlan input, List<LogicalPlan.Output> outputs) {
        return new LogicalPlan.Project(input, outputs, schemaOf(outputs, List.of()));
    }

    private static Schema schemaOf(List<LogicalPlan.Output> outputs, List<LogicalPlan.AggregateCall> aggregates) {
        List<Schema.Field> fields = new ArrayList<>();
        for (LogicalPlan.Output output : outputs) {
            fields.add(new Schema.Field(output.name(), output.expression().type()));
        }
        for (LogicalPlan.AggregateCall aggregate : aggregates) {
            fields.add(new Schema.Field(aggregate.name(), aggregate.type()));
        }
        return new Schema(fields);
    }

    /**
     * The column name Kusto gives an unnamed expression: a column keeps its name, a property path
     * {@code a.b.c} becomes {@code a_b_c}, a call on a column (such as bin(Timestamp, 1h)) takes the
     * column's name; anything else has none (the caller numbers it Column1, ...).
     */
    static String inferredName(Expression expression) {
        return switch (expression) {
            case Expression.Name name -> name.identifier().name();
            case Expression.Member member -> {
                String target = inferredName(member.target());
                yield target == null ? null : target + "_" + member.member().name();
            }
            case Expression.Index index -> {
                String target = inferredName(index.target());
                if (target != null && index.index() instanceof Expression.StringLiteral key) {
                    yield target + "_" + key.value();
                }
                yield target != null && index.index() instanceof Expression.Literal ? target + "_" + ((Expression.Literal) index.index()).text() : null;
            }
            case Expression.Parenthesized parenthesized -> inferredName(parenthesized.inner());
            case Expression.Call call -> {
                // Conversions keep their argument's name: buildschema(todynamic(tostring(x))) is schema_x (docs:
                // summarize-operator.md).
                if (call.function() instanceof Expression.Name name && Set.of("bin", "floor", "bin_at", "tostring",
                        "todatetime", "tolong", "toint", "todouble", "toreal", "tobool", "todecimal", "totimespan",
                        "round", "todynamic", "parse_json").contains(name.identifier().name())
                        && !call.arguments().isEmpty()) {
                    yield inferredName(argumentValue(call.arguments().get(0)));
                }
                yield null;
            }
            default -> null;
        };
    }

    /** The inferred column name of each argument of a call (null where it has none), for naming its result. */
    private static List<String> argumentNames(Expression.Call call) {
        List<String> names = new ArrayList<>(call.arguments().size());
        for (Expression.Argument argument : call.arguments()) {
            names.add(inferredName(argumentValue(argument)));
        }
        return names;
    }

    /**
     * The name of an unnamed project or extend item: a scalar function may name it from its argument
     * ({@code dcount_hll(merged)} is {@code dcount_hll_merged}), otherwise as {@link #inferredName} does.
     */
    private String unnamedName(Expression expression) {
        if (expression instanceof Expression.Call call && call.function() instanceof Expression.Name name
                && !(call.arguments().isEmpty())) {
            FunctionSpec spec = functions.lookup(name.identifier().name());
            if (spec != null && spec.kind() == FunctionSpec.Kind.SCALAR) {
                String named = spec.unnamedColumnName(inferredName(argumentValue(call.arguments().get(0))));
                if (named != null) {
                    return named;
                }
            }
        }
        return inferredName(expression);
    }

    /**
     * The name of an unnamed summarize-by expression: a call takes the name of its first argument that has
     * one, so {@code by bin(Timestamp, 1h)} and {@code by format_datetime(Timestamp, 'y-M-d')} are both
     * {@code Timestamp} (real rules project the latter by that name).
     */
    static String groupName(Expression expression) {
        if (expression instanceof Expression.Call call) {
            for (Expression.Argument argument : call.arguments()) {
                String name = groupName(argumentValue(argument));
                if (name != null) {
                    return name;
                }
            }
            return null;
        }
        return inferredName(expression);
    }

    private static Expression argumentValue(Expression.Argument argument) {
        return switch (argument) {
            case Expression.Positional positional -> positional.value();
            case Expression.NamedArgument named -> named.value();
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Scalar expressions

    /** Binds a scalar expression over the columns of {@code input} (null where no row is in scope). */
    private BoundExpression bindScalar(Expression expression, Scope scope, LogicalPlan input) {
        return switch (expression) {
            case Expression.Literal literal -> literal(literal);
            case Expression.StringLiteral string -> new BoundExpression.Constant(ScalarType.STRING, string.value());
            case Expression.DynamicLiteral dynamic -> new BoundExpression.Constant(ScalarType.DYNAMIC,
                    DynamicValues.of(dynamic.value()));
            case Expression.Parenthesized parenthesized -> {
                if (isTabular(parenthesized.inner(), scope)) {
                    throw fail(DiagnosticCode.NOT_SCALAR, expression.span(), "a table where a scalar is expected");
                }
                yield bindScalar(parenthesized.inner(), scope, input);
            }
            case Expression.Name name -> bindName(name, scope, input);
            case Expression.Unary unary -> {
                BoundExpression operand = bindScalar(unary.operand(), scope, input);
                if (unary.operator() == dev.trawl.kql.syntax.ast.UnaryOperator.PLUS) {
                    yield operand;
                }
                yield call("__negate", List.of(operand), unary.span());
            }
            case Expression.Binary binary when binary.left() instanceof Expression.Star -> bindStarComparison(binary, scope, input);
            case Expression.Binary binary when binary.operator() == dev.trawl.kql.syntax.ast.BinaryOperator.SEARCH_COLUMN ->
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, binary.span(),
                            "Column:\"term\" is valid only in a search predicate, joined by and, or and parentheses");
            case Expression.Binary binary -> {
                BoundExpression left = bindScalar(binary.left(), scope, input);
                BoundExpression right = bindScalar(binary.right(), scope, input);
                warnIfUnlikeTypesEquated(binary, left.type(), right.type());
                yield call(binary.operator().text(), List.of(left, right), binary.span());
            }
            case Expression.Between between -> call(between.negated() ? "!between" : "between", List.of(
                    bindScalar(between.value(), scope, input), bindScalar(between.low(), scope, input),
                    bindScalar(between.high(), scope, input)), between.span());
            case Expression.InList in -> {
                List<BoundExpression> arguments = new ArrayList<>();
                arguments.add(bindScalar(in.left(), scope, input));
                for (Expression value : in.values()) {
                    if (isTabular(value, scope)) {
                        LogicalPlan plan = bindTabular(value, scope, null);
                        arguments.add(new BoundExpression.ScalarSubquery(plan, ScalarType.DYNAMIC));
                    } else {
                        arguments.add(bindScalar(value, scope, input));
                    }
                }
                yield call(in.operator().text(), arguments, in.span());
            }
            case Expression.Member member -> {
                BoundExpression target = bindScalar(member.target(), scope, input);
                yield call("__property", List.of(target,
                        new BoundExpression.Constant(ScalarType.STRING, member.member().name())), member.span());
            }
            case Expression.Index index -> {
                BoundExpression target = bindScalar(index.target(), scope, input);
                yield call("__index", List.of(target, bindScalar(index.index(), scope, input)), index.span());
            }
            case Expression.Call call -> bindCall(call, scope, input);
            // typeof(T) as an argument (extract(..., typeof(long))) carries a type, not a value: a typed
            // null, so the function's type rule sees T among its argument types.
            case Expression.TypeOf typeOf -> {
                if (!(typeOf.type() instanceof Parts.ScalarType scalar)) {
                    throw fail(DiagnosticCode.NOT_SUPPORTED, typeOf.span(), "typeof() of a table schema is not supported here");
                }
                yield new BoundExpression.Constant(typeOf(scalar), null);
            }
            case Expression.Star star -> throw fail(DiagnosticCode.NOT_SUPPORTED, star.span(), "'*' is not supported here yet");
            default -> throw fail(DiagnosticCode.NOT_SCALAR, expression.span(), "expected a scalar expression");
        };
    }

    private BoundExpression bindName(Expression.Name name, Scope scope, LogicalPlan input) {
        String text = name.identifier().name();
        if (input != null) {
            int index = input.schema().indexOf(text);
            if (index >= 0) {
                return new BoundExpression.ColumnRef(index, text, input.schema().field(index).type());
            }
        }
        Binding binding = scope.find(text);
        if (binding instanceof ScalarBinding scalar) {
            return scalar.value();
        }
        if (binding instanceof FailedBinding) {
            throw new BindFailure();
        }
        if (binding instanceof FunctionBinding function && function.function().parameters().isEmpty()) {
            Expression body = (Expression) invokeUserFunction(function, List.of(), name.span(), scope, false);
            return bindScalar(body, functionScope(function), input);
        }
        if (binding != null) {
            throw fail(DiagnosticCode.NOT_SCALAR, name.span(), "'" + text + "' is a table, not a scalar");
        }
        if (input != null && input.schema().open()) {
            // One of the columns only the data names (after evaluate pivot, bound without the data).
            return new BoundExpression.ColumnRef(BoundExpression.ColumnRef.DATA_NAMED, text, ScalarType.DYNAMIC);
        }
        Set<String> known = new HashSet<>(scope.allNames());
        if (input != null) {
            known.addAll(input.schema().names());
        }
        throw unknown(name.identifier(), "column or variable", known);
    }

    private Scope functionScope(FunctionBinding function) {
        return new Scope(function.scope());
    }

    private BoundExpression bindCall(Expression.Call call, Scope scope, LogicalPlan input) {
        if (!(call.function() instanceof Expression.Name name)) {
            throw fail(DiagnosticCode.NOT_SUPPORTED, call.span(), "method-style calls are not supported");
        }
        String function = name.identifier().name();
        if (function.equals("toscalar") && call.arguments().size() == 1
                && isTabular(argumentValue(call.arguments().get(0)), scope)) {
            Expression argument = argumentValue(call.arguments().get(0));
            LogicalPlan plan = bindTabular(argument, scope, null);
            if (plan.schema().size() == 0) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, call.span(), "toscalar() of a table with no columns");
            }
            return new BoundExpression.ScalarSubquery(plan, plan.schema().field(0).type());
        }
        Binding binding = scope.find(function);
        if (binding instanceof FunctionBinding user) {
            Scope body = new Scope(user.scope());
            List<Parts.Parameter> parameters = user.function().parameters();
            List<Expression.Argument> arguments = call.arguments();
            for (int i = 0; i < parameters.size(); i++) {
                Parts.Parameter parameter = parameters.get(i);
                BoundExpression value;
                if (i < arguments.size()) {
                    value = bindScalar(argumentValue(arguments.get(i)), scope, input);
                } else if (parameter.defaultValue() != null) {
                    value = bindScalar(parameter.defaultValue(), user.scope(), null);
                } else {
                    throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, call.span(), "missing argument '" + parameter.name().name() + "'");
                }
                body.names.put(parameter.name().name(), new ScalarBinding(value));
            }
            List<Statement> statements = user.function().body().statements();
            for (int i = 0; i < statements.size() - 1; i++) {
                if (statements.get(i) instanceof Statement.Let let) {
                    body.names.put(let.name().name(), bindLetValue(let.value(), body));
                }
            }
            Statement last = statements.get(statements.size() - 1);
            if (last instanceof Statement.Query query) {
                // The body sees the caller's row: columns resolve first, then the parameters.
                return bindScalar(query.expression(), body, input);
            }
            throw fail(DiagnosticCode.NOT_SUPPORTED, last.span(), "a function body must end with an expression");
        }
        if (function.equals("column_names_of") && call.arguments().size() == 1) {
            // The names of a table's columns, known when the query is bound.
            LogicalPlan table = bindTabular(argumentValue(call.arguments().get(0)), scope, null);
            return new BoundExpression.Constant(ScalarType.DYNAMIC, new ArrayList<Object>(table.schema().names()));
        }
        if ((function.equals("pack_all") || function.equals("bag_pack_columns")) && input != null) {
            // Functions of the row's columns: bag_pack over the columns (all of them, or the named ones).
            List<BoundExpression> pairs = new ArrayList<>();
            boolean skipEmpty = false;
            if (function.equals("pack_all")) {
                if (!call.arguments().isEmpty()) {
                    if (!(bindScalar(argumentValue(call.arguments().get(0)), scope, input)
                            instanceof BoundExpression.Constant constant && constant.value() instanceof Boolean flag)) {
                        throw fail(DiagnosticCode.INVALID_ARGUMENT, call.arguments().get(0).span(),
                                "pack_all(ignore_null_empty) takes a constant bool");
                    }
                    skipEmpty = flag;
                }
                int width = input == extendView ? extendInputWidth : input.schema().size();
                for (int i = 0; i < width; i++) {
                    Schema.Field field = input.schema().field(i);
                    pairs.add(new BoundExpression.Constant(ScalarType.STRING, field.name()));
                    pairs.add(new BoundExpression.ColumnRef(i, field.name(), field.type()));
                }
            } else {
                for (Expression.Argument argument : call.arguments()) {
                    Expression value = argumentValue(argument);
                    String columnName = inferredName(value);
                    if (columnName == null) {
                        throw fail(DiagnosticCode.INVALID_ARGUMENT, value.span(), "bag_pack_columns takes column names");
                    }
                    pairs.add(new BoundExpression.Constant(ScalarType.STRING, columnName));
                    pairs.add(bindScalar(value, scope, input));
                }
            }
            return call(skipEmpty ? "__bag_pack_non_empty" : "bag_pack", pairs, call.span());
        }
        if (function.equals("toscalar") && call.arguments().size() == 1) {
            // toscalar of a scalar is the scalar itself.
            return bindScalar(argumentValue(call.arguments().get(0)), scope, input);
        }
        if (functions.lookup(function) == null) {
            // Reported before the arguments are bound, so the name at fault is the one reported.
            throw unknownFunction(function, call.span());
        }
        if (call.arguments().stream().anyMatch(argument -> argument instanceof Expression.NamedArgument)) {
            return call(function, namedArguments(function, call, scope, input), call.span());
        }
        List<BoundExpression> arguments = new ArrayList<>();
        for (Expression.Argument argument : call.arguments()) {
            arguments.add(bindScalar(argumentValue(argument), scope, input));
        }
        return call(function, arguments, call.span());
    }

    /**
     * Arguments given by name placed at their parameter's position; a parameter left out before a given
     * one is passed as a typed null, which the function reads as "use the default".
     */
    private List<BoundExpression> namedArguments(String function, Expression.Call call, Scope scope, LogicalPlan input) {
        FunctionSpec spec = functions.lookup(function);
        List<String> names = spec == null ? List.of() : spec.parameterNames();
        if (names.isEmpty()) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, call.span(), "'" + function + "' does not take named arguments");
        }
        BoundExpression[] slots = new BoundExpression[names.size()];
        int position = 0;
        for (Expression.Argument argument : call.arguments()) {
            int slot;
            if (argument instanceof Expression.NamedArgument named) {
                slot = -1;
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).equalsIgnoreCase(named.name().name())) {
                        slot = i;
                    }
                }
                if (slot < 0) {
                    String suggestion = Suggestions.closest(named.name().name(), names);
                    throw fail(DiagnosticCode.INVALID_ARGUMENT, named.name().span(), "'" + function
                            + "' has no parameter '" + named.name().name() + "'",
                            suggestion == null ? "parameters: " + String.join(", ", names) : "did you mean '" + suggestion + "'?");
                }
            } else {
                slot = position++;
            }
            if (slot >= slots.length || slots[slot] != null) {
                throw fail(DiagnosticCode.INVALID_ARGUMENT, argument.span(), "argument given twice or too many arguments");
            }
            slots[slot] = bindScalar(argumentValue(argument), scope, input);
        }
        int last = slots.length - 1;
        while (last >= 0 && slots[last] == null) {
            last--;
        }
        List<BoundExpression> arguments = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            arguments.add(slots[i] != null ? slots[i] : new BoundExpression.Constant(ScalarType.DYNAMIC, null));
        }
        return arguments;
    }

    private BoundExpression call(String function, List<BoundExpression> arguments, Span at) {
        FunctionSpec spec = functions.lookup(function);
        if (spec == null) {
            throw unknownFunction(function, at);
        }
        if (spec.kind() == FunctionSpec.Kind.AGGREGATE) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, at, "'" + function + "' is an aggregation; use it in summarize");
        }
        checkArity(spec, arguments.size(), at);
        List<ScalarType> types = new ArrayList<>();
        for (BoundExpression argument : arguments) {
            types.add(argument.type());
        }
        ScalarType type = spec.resultType(types);
        if (type == null) {
            throw fail(DiagnosticCode.TYPE_MISMATCH, at, "'" + function + "' does not accept (" + String.join(", ",
                    types.stream().map(ScalarType::kqlName).toList()) + ")");
        }
        return new BoundExpression.Call(spec, arguments, type);
    }

    private void checkArity(FunctionSpec spec, int count, Span at) {
        if (count < spec.minArguments() || count > spec.maxArguments()) {
            String expected = spec.minArguments() == spec.maxArguments() ? Integer.toString(spec.minArguments())
                    : spec.maxArguments() == Integer.MAX_VALUE ? "at least " + spec.minArguments()
                    : spec.minArguments() + " to " + spec.maxArguments();
            throw fail(DiagnosticCode.WRONG_ARGUMENT_COUNT, at, "'" + spec.name() + "' takes " + expected
                    + " argument(s), " + count + " given");
        }
    }

    private FunctionSpec aggregate(String name, Span at) {
        FunctionSpec spec = functions.lookup(name);
        if (spec == null) {
            throw fail(DiagnosticCode.UNKNOWN_FUNCTION, at, "unknown function '" + name + "'");
        }
        return spec;
    }

    private BoundExpression literal(Expression.Literal literal) {
        String text = literal.text();
        return switch (literal.kind()) {
            case BOOL -> new BoundExpression.Constant(ScalarType.BOOL,
                    text.startsWith("bool") ? Boolean.valueOf(LiteralValues.parenthesisedContent(text)) : Boolean.valueOf(text));
            case LONG -> {
                String digits = text.startsWith("long") || text.startsWith("int64")
                        ? LiteralValues.parenthesisedContent(text) : text;
                yield new BoundExpression.Constant(ScalarType.LONG, parseLong(digits, literal.span()));
            }
            case INT -> new BoundExpression.Constant(ScalarType.INT,
                    (int) parseLong(LiteralValues.parenthesisedContent(text), literal.span()));
            case REAL -> {
                String digits = text.startsWith("real") || text.startsWith("double")
                        ? LiteralValues.parenthesisedContent(text) : text;
                double value = switch (digits) {
                    case "nan" -> Double.NaN;
                    case "inf", "+inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(digits);
                };
                yield new BoundExpression.Constant(ScalarType.REAL, value);
            }
            case DECIMAL -> new BoundExpression.Constant(ScalarType.DECIMAL,
                    new BigDecimal(LiteralValues.parenthesisedContent(text)));
            case DATETIME -> new BoundExpression.Constant(ScalarType.DATETIME,
                    LiteralValues.datetimeTicks(LiteralValues.parenthesisedContent(text), todayTicks()));
            case TIMESPAN -> new BoundExpression.Constant(ScalarType.TIMESPAN, LiteralValues.timespanTicks(text));
            case GUID -> new BoundExpression.Constant(ScalarType.GUID,
                    UUID.fromString(normalGuid(LiteralValues.parenthesisedContent(text))));
            case TYPED_NULL -> {
                ScalarType type = ScalarType.fromName(text.substring(0, text.indexOf('(')).trim());
                yield new BoundExpression.Constant(type == null ? ScalarType.DYNAMIC : type, null);
            }
        };
    }

    private static long todayTicks() {
        long seconds = java.time.LocalDate.now(java.time.ZoneOffset.UTC).atStartOfDay()
                .toEpochSecond(java.time.ZoneOffset.UTC) + LiteralValues.EPOCH_OFFSET_SECONDS;
        return seconds * LiteralValues.TICKS_PER_SECOND;
    }

    private static String normalGuid(String text) {
        String hex = text.replace("{", "").replace("}", "").replace("-", "");
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private long parseLong(String digits, Span at) {
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                return Long.parseUnsignedLong(digits.substring(2), 16);
            }
            return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
        } catch (NumberFormatException e) {
            throw fail(DiagnosticCode.INVALID_ARGUMENT, at, "'" + digits + "' is out of the range of a long");
        }
    }

    private static ScalarType typeOf(Parts.ScalarType type) {
        ScalarType resolved = ScalarType.fromName(type.name().name());
        return resolved == null ? ScalarType.DYNAMIC : resolved;
    }

    // ---------------------------------------------------------------------------------------------
    // Diagnostics

    private BindFailure notSupported(TabularOperator operator) {
        String name = operator.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return fail(DiagnosticCode.NOT_SUPPORTED, operator.span(), "the '" + name + "' operator is parsed but not run yet");
    }

    private BindFailure unknownFunction(String function, Span at) {
        String suggestion = Suggestions.closest(function, functions.names());
        return fail(DiagnosticCode.UNKNOWN_FUNCTION, at, "unknown function '" + function + "'",
                suggestion == null ? null : "did you mean '" + suggestion + "'?");
    }

    private BindFailure unknown(Identifier name, String what, Set<String> known) {
        String suggestion = Suggestions.closest(name.name(), known);
        return fail(DiagnosticCode.UNKNOWN_NAME, name.span(), "'" + name.name() + "' is not a " + what + " in scope",
                suggestion == null ? null : "did you mean '" + suggestion + "'?");
    }

    /**
     * {@code IsAdminOperation == "true"} (a bool) or {@code RoleAdded == 2} (a string): Kusto accepts == and
     * != between a string and a bool or number, but its rule for the result is undocumented. Trawl takes
     * such values as never equal (the engine's == and != explain the evidence), so the comparison is
     * constant; real rules that write it mostly mean the other type, hence a warning with the fix.
     */
    private void warnIfUnlikeTypesEquated(Expression.Binary binary, ScalarType left, ScalarType right) {
        dev.trawl.kql.syntax.ast.BinaryOperator operator = binary.operator();
        boolean equal = operator == dev.trawl.kql.syntax.ast.BinaryOperator.EQUAL;
        if (!equal && operator != dev.trawl.kql.syntax.ast.BinaryOperator.NOT_EQUAL
                && operator != dev.trawl.kql.syntax.ast.BinaryOperator.LEGACY_NOT_EQUAL) {
            return;
        }
        ScalarType other = left == ScalarType.STRING ? right : right == ScalarType.STRING ? left : null;
        if (other == null || (other != ScalarType.BOOL && !other.isNumeric())) {
            return;
        }
        if (diagnostics.stream().anyMatch(d -> d.code().equals(DiagnosticCode.UNLIKE_TYPES_COMPARED.code())
                && d.span().equals(binary.span()))) {
            // Once per place in the text, though a function body is bound at every call.
            return;
        }
        String conversion = other == ScalarType.BOOL ? "tobool()" : "to" + other.kqlName() + "()";
        diagnostics.add(new Diagnostic(DiagnosticCode.UNLIKE_TYPES_COMPARED.code(), dev.trawl.kql.diag.Severity.WARNING,
                binary.span(), "'" + operator.text() + "' between a " + left.kqlName() + " and a " + right.kqlName()
                        + ": Kusto accepts it, but Trawl holds values of unlike types never equal, so this is always "
                        + (equal ? "false" : "true"), List.of(),
                "compare values of one type: tostring() the " + other.kqlName() + ", " + conversion
                        + " the string, or write the literal as a " + other.kqlName()));
    }

    private BindFailure fail(DiagnosticCode code, Span span, String message) {
        return fail(code, span, message, null);
    }

    private BindFailure fail(DiagnosticCode code, Span span, String message, String help) {
        Diagnostic diagnostic = Diagnostic.error(code, span, message);
        diagnostics.add(help == null ? diagnostic : diagnostic.withHelp(help));
        return new BindFailure();
    }
}
