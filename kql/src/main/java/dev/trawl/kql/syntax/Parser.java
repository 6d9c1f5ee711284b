package dev.trawl.kql.syntax;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticCode;
import dev.trawl.kql.syntax.ast.BinaryOperator;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.Identifier;
import dev.trawl.kql.syntax.ast.ListOperator;
import dev.trawl.kql.syntax.ast.LiteralKind;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.Parts.ColumnDeclaration;
import dev.trawl.kql.syntax.ast.Parts.NamePattern;
import dev.trawl.kql.syntax.ast.Parts.NamedExpression;
import dev.trawl.kql.syntax.ast.Parts.OperatorParameter;
import dev.trawl.kql.syntax.ast.Parts.SortKey;
import dev.trawl.kql.syntax.ast.Script;
import dev.trawl.kql.syntax.ast.Statement;
import dev.trawl.kql.syntax.ast.TabularOperator;
import dev.trawl.kql.syntax.ast.UnaryOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-written recursive-descent parser for KQL query texts (not management commands). One method
 * per precedence level and per operator. It never throws and never overflows the stack: a syntax error
 * becomes a diagnostic and an error node, and parsing resumes at the next {@code |} or {@code ;}, so
 * one run reports every error. Nesting deeper than {@link #MAX_DEPTH} is reported, not recursed into.
 */
public final class Parser {
    /** Deepest nesting of parentheses, brackets and signs the parser follows (real rules stay below 30). */
    public static final int MAX_DEPTH = 200;
    /** After this many diagnostics the rest are not reported: they are almost always echoes. */
    public static final int MAX_DIAGNOSTICS = 100;

    /** Every tabular operator after a {@code |}, for dispatch and did-you-mean. */
    public static final Set<String> OPERATORS = Set.of(
            "where", "filter", "extend", "project", "project-away", "project-keep", "project-rename",
            "project-reorder", "project-by-names", "summarize", "make-series", "mv-expand", "mvexpand", "mv-apply",
            "mvapply", "join", "lookup", "union", "sort", "order", "top", "top-nested", "top-hitters", "take",
            "limit", "distinct", "count", "as", "parse", "parse-where", "parse-kv", "evaluate", "invoke", "render",
            "search", "find", "sample", "sample-distinct", "serialize", "scan", "partition", "fork", "facet",
            "getschema", "consume", "reduce");

    /** Operators of KQL that Trawl does not read yet; reported as such rather than as misspellings. */
    private static final Set<String> UNSUPPORTED_OPERATORS = Set.of(
            "make-graph", "graph-match", "graph-merge", "graph-to-table", "graph-shortest-paths",
            "graph-mark-components", "macro-expand", "assert-schema", "execute-and-cache", "project-smart");

    private static final Set<String> SCALAR_TYPES = Set.of(
            "bool", "boolean", "int", "long", "int64", "real", "double", "decimal", "string", "datetime", "date",
            "timespan", "time", "guid", "uniqueid", "dynamic");

    private static final Map<String, LiteralKind> TYPED_LITERAL_WORDS = Map.of(
            "bool", LiteralKind.BOOL, "boolean", LiteralKind.BOOL, "int", LiteralKind.INT, "long", LiteralKind.LONG,
            "int64", LiteralKind.LONG, "real", LiteralKind.REAL, "double", LiteralKind.REAL,
            "decimal", LiteralKind.DECIMAL);

    private static final Set<String> JOIN_KINDS = Set.of("innerunique", "inner", "leftouter", "rightouter",
            "fullouter", "leftsemi", "rightsemi", "leftanti", "anti", "leftantisemi", "rightanti", "rightantisemi");
    private static final Set<String> CHART_TYPES = Set.of("anomalychart", "areachart", "barchart", "card",
            "columnchart", "ladderchart", "linechart", "piechart", "pivotchart", "scatterchart", "stackedareachart",
            "table", "timechart", "timepivot", "treemap", "sankey", "3Dchart", "list", "plotly", "graph");
    private static final Set<String> HINTS_ONLY = Set.of();
    private static final Set<String> JOIN_PARAMETERS = Set.of("kind");
    private static final Set<String> UNION_PARAMETERS = Set.of("kind", "withsource", "isfuzzy");
    private static final Set<String> MV_PARAMETERS = Set.of("kind", "bagexpansion", "with_itemindex");
    private static final Set<String> PARSE_PARAMETERS = Set.of("kind", "flags");
    private static final Set<String> KIND_ONLY = Set.of("kind");
    private static final Set<String> FIND_PARAMETERS = Set.of("withsource", "kind", "isfuzzy");

    private final SourceText source;
    private final String text;
    private final List<Token> tokens;
    private final List<Diagnostic> diagnostics;
    private int index;
    private int depth;
    /** Inside a search predicate, where {@code Column:"term"} restricts a term to one column. */
    private boolean searchPredicate;
    private int lastErrorStart = -1;
    private boolean truncated;

    /** Thrown to unwind to the nearest recovery point; the diagnostic has already been reported. */
    private static final class ParseFailure extends RuntimeException {
        private static final ParseFailure INSTANCE = new ParseFailure();

        private ParseFailure() {
            super(null, null, false, false);
        }
    }

    private Parser(SourceText source) {
        this.source = source;
        this.text = source.text();
        this.diagnostics = new ArrayList<>();
        this.tokens = Lexer.tokenize(source, diagnostics);
    }

    /** Parses a whole query text. Always returns a tree; {@link ParseResult#ok()} says whether it is error-free. */
    public static ParseResult parse(SourceText source) {
        Parser parser = new Parser(source);
        Script script = parser.parseScript();
        List<Diagnostic> found = parser.diagnostics;
        if (found.size() > MAX_DIAGNOSTICS) {
            found = new ArrayList<>(found.subList(0, MAX_DIAGNOSTICS));
        }
        found.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        return new ParseResult(source, script, found);
    }

    public static ParseResult parse(String text) {
        return parse(SourceText.of(text));
    }

    // ---------------------------------------------------------------------------------------------
    // Statements

    private Script parseScript() {
        List<Statement> statements = new ArrayList<>();
        if (kind() == TokenKind.DOT && peek(1).kind() == TokenKind.IDENTIFIER && peek(1).start() == current().end()) {
            report(DiagnosticCode.INVALID_CONTROL_COMMAND, current().span().to(peek(1).span()),
                    "management commands such as '." + text(peek(1)) + "' are not queries; Trawl runs queries only",
                    "remove the command, or run it against a Kusto cluster");
            return new Script(List.of(new Statement.Error(new Span(0, text.length()))), new Span(0, text.length()));
        }
        while (kind() != TokenKind.END_OF_INPUT) {
            if (accept(TokenKind.SEMICOLON)) {
                continue;
            }
            int startIndex = index;
            Statement statement;
            try {
                statement = parseStatement();
            } catch (ParseFailure failure) {
                depth = 0;
                int start = tokens.get(startIndex).start();
                skipTo(Set.of(TokenKind.SEMICOLON), true);
                statement = new Statement.Error(spanFrom(start));
            }
            statements.add(statement);
            if (kind() != TokenKind.SEMICOLON && kind() != TokenKind.END_OF_INPUT) {
                Token unexpected = current();
                if (startsQueryAfterBlankLine(unexpected)) {
                    report(DiagnosticCode.QUERY_AFTER_QUERY, unexpected.span(),
                            "a new statement starts here, but the one before it was not ended with ';'",
                            "Kusto reads a whole text as one query: end each statement with ';', "
                                    + "or run the queries one at a time");
                    skipTo(Set.of(TokenKind.SEMICOLON), true);
                    continue;
                }
                report(DiagnosticCode.UNEXPECTED_TOKEN, unexpected.span(), "unexpected " + describe(unexpected)
                        + (statement instanceof Statement.Let ? " after the let statement" : ""),
                        statement instanceof Statement.Let ? "end a let statement with ';'" : null);
                skipTo(Set.of(TokenKind.SEMICOLON), true);
            }
        }
        if (statements.isEmpty() && diagnostics.isEmpty()) {
            report(DiagnosticCode.EMPTY_QUERY, new Span(0, text.length()), "the query is empty", null);
        }
        return new Script(statements, new Span(0, text.length()));
    }

    /**
     * True when {@code token} opens its line and a blank line separates it from the previous token: the
     * shape of several queries pasted into one text, as query editors keep them.
     */
    private boolean startsQueryAfterBlankLine(Token token) {
        int lineStart = source.lineStart(source.line(token.start()));
        if (!text.substring(lineStart, token.start()).isBlank()) {
            return false;
        }
        int previous = previousEnd();
        int line = source.line(previous) + 1;
        int tokenLine = source.line(token.start());
        for (; line < tokenLine; line++) {
            if (source.lineText(line).isBlank()) {
                return true;
            }
        }
        return false;
    }

    private Statement parseStatement() {
        Token first = current();
        if (first.kind() == TokenKind.IDENTIFIER) {
            String word = text(first);
            switch (word) {
                case "let":
                    if (isNameToken(peek(1)) || peek(1).kind() == TokenKind.OPEN_BRACKET
                            || peek(1).kind() == TokenKind.ASSIGN || peek(1).kind() == TokenKind.END_OF_INPUT
                            || peek(1).kind() == TokenKind.SEMICOLON) {
                        return parseLet();
                    }
                    break;
                case "declare":
                    if (peekWord(1, "query_parameters")) {
                        return parseDeclareQueryParameters();
                    }
                    if (peekWord(1, "pattern")) {
                        return parseDeclarePattern();
                    }
                    break;
                case "set":
                    if (isNameToken(peek(1)) && (peek(2).kind() == TokenKind.ASSIGN
                            || peek(2).kind() == TokenKind.SEMICOLON || peek(2).kind() == TokenKind.END_OF_INPUT
                            || peek(2).kind() == TokenKind.DOT)) {
                        return parseSet();
                    }
                    break;
                case "alias":
                    if (peekWord(1, "database")) {
                        return parseAlias();
                    }
                    break;
                case "restrict":
                    if (peekWord(1, "access")) {
                        return parseRestrict();
                    }
                    break;
                default:
                    break;
            }
        }
        Expression expression = parsePipeExpression();
        return new Statement.Query(expression, expression.span());
    }

    private Statement parseLet() {
        int start = advance().start();
        Identifier name = expectName("a name for the let statement");
        expect(TokenKind.ASSIGN, "'=' after the let name");
        Expression value = parseLetValue();
        return new Statement.Let(name, value, spanFrom(start));
    }

    private Expression parseLetValue() {
        if (atWord("view") && peek(1).kind() == TokenKind.OPEN_PAREN) {
            int start = advance().start();
            return parseFunctionLiteral(start, true);
        }
        if (looksLikeFunctionLiteral()) {
            return parseFunctionLiteral(current().start(), false);
        }
        return parsePipeExpression();
    }

    private boolean looksLikeFunctionLiteral() {
        if (kind() != TokenKind.OPEN_PAREN) {
            return false;
        }
        if (peek(1).kind() == TokenKind.CLOSE_PAREN) {
            return peek(2).kind() == TokenKind.OPEN_BRACE;
        }
        return isNameToken(peek(1)) && peek(2).kind() == TokenKind.COLON;
    }

    private Expression parseFunctionLiteral(int start, boolean view) {
        expect(TokenKind.OPEN_PAREN, "'(' to start the parameter list");
        List<Parts.Parameter> parameters = new ArrayList<>();
        if (kind() != TokenKind.CLOSE_PAREN) {
            do {
                parameters.add(parseParameter());
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.CLOSE_PAREN, "')' to end the parameter list");
        Parts.FunctionBody body = parseFunctionBody();
        return new Expression.FunctionLiteral(view, parameters, body, spanFrom(start));
    }

    private Parts.FunctionBody parseFunctionBody() {
        int start = expect(TokenKind.OPEN_BRACE, "'{' to start the function body").start();
        enter();
        List<Statement> statements = new ArrayList<>();
        while (kind() != TokenKind.CLOSE_BRACE && kind() != TokenKind.END_OF_INPUT) {
            if (accept(TokenKind.SEMICOLON)) {
                continue;
            }
            statements.add(parseStatement());
            if (kind() != TokenKind.SEMICOLON && kind() != TokenKind.CLOSE_BRACE) {
                throw fail(DiagnosticCode.EXPECTED_TOKEN, current().span(),
                        "expected ';' or '}' in the function body, found " + describe(current()));
            }
        }
        expect(TokenKind.CLOSE_BRACE, "'}' to end the function body");
        leave();
        if (statements.isEmpty()) {
            report(DiagnosticCode.EXPECTED_EXPRESSION, spanFrom(start), "the function body is empty", null);
        }
        return new Parts.FunctionBody(statements, spanFrom(start));
    }

    private Parts.Parameter parseParameter() {
        int start = current().start();
        Identifier name = expectName("a parameter name");
        expect(TokenKind.COLON, "':' and a type after the parameter name");
        Parts.TypeSpec type = parseTypeSpec(true);
        Expression defaultValue = null;
        if (accept(TokenKind.ASSIGN)) {
            defaultValue = parseExpression();
        }
        return new Parts.Parameter(name, type, defaultValue, spanFrom(start));
    }

    private Statement parseDeclareQueryParameters() {
        int start = advance().start();
        advance();
        expect(TokenKind.OPEN_PAREN, "'(' after 'declare query_parameters'");
        List<Parts.Parameter> parameters = new ArrayList<>();
        if (kind() != TokenKind.CLOSE_PAREN) {
            do {
                parameters.add(parseParameter());
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.CLOSE_PAREN, "')' to end the query parameters");
        return new Statement.DeclareQueryParameters(parameters, spanFrom(start));
    }

    private Statement parseDeclarePattern() {
        int start = advance().start();
        advance();
        Identifier name = expectName("a pattern name");
        int definitionStart = current().start();
        int nesting = 0;
        while (kind() != TokenKind.END_OF_INPUT && !(nesting == 0 && kind() == TokenKind.SEMICOLON)) {
            switch (kind()) {
                case OPEN_PAREN, OPEN_BRACKET, OPEN_BRACE -> nesting++;
                case CLOSE_PAREN, CLOSE_BRACKET, CLOSE_BRACE -> nesting = Math.max(0, nesting - 1);
                default -> {
                }
            }
            advance();
        }
        int definitionEnd = Math.max(definitionStart, previousEnd());
        return new Statement.DeclarePattern(name, text.substring(definitionStart, definitionEnd).trim(),
                spanFrom(start));
    }

    private Statement parseSet() {
        int start = advance().start();
        int nameStart = current().start();
        StringBuilder name = new StringBuilder(text(expectNameToken("a request property name")));
        while (kind() == TokenKind.DOT && isNameToken(peek(1))) {
            advance();
            name.append('.').append(text(advance()));
        }
        Expression value = null;
        if (accept(TokenKind.ASSIGN)) {
            value = parseParameterValue();
        }
        return new Statement.Set(new Identifier(name.toString(), spanFrom(nameStart)), value, spanFrom(start));
    }

    private Statement parseAlias() {
        int start = advance().start();
        advance();
        Identifier name = expectName("an alias name");
        expect(TokenKind.ASSIGN, "'=' after the alias name");
        Expression target = parseExpression();
        return new Statement.Alias(name, target, spanFrom(start));
    }

    private Statement parseRestrict() {
        int start = advance().start();
        advance();
        expectWord("to");
        expect(TokenKind.OPEN_PAREN, "'(' after 'restrict access to'");
        List<Expression> entities = new ArrayList<>();
        if (kind() != TokenKind.CLOSE_PAREN) {
            do {
                entities.add(parseExpression());
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.CLOSE_PAREN, "')'");
        return new Statement.RestrictAccess(entities, spanFrom(start));
    }

    // ---------------------------------------------------------------------------------------------
    // Pipelines

    /** An expression that may continue with {@code | operator}s: a tabular pipeline or a scalar expression. */
    private Expression parsePipeExpression() {
        enter();
        int start = current().start();
        Expression expression;
        int savedDepth = depth;
        try {
            expression = parseUnit();
        } catch (ParseFailure failure) {
            depth = savedDepth;
            recoverToPipe();
            expression = new Expression.Error(spanFrom(start));
        }
        while (kind() == TokenKind.PIPE) {
            Token pipe = advance();
            TabularOperator operator = parseOperatorRecovering(pipe.end());
            expression = new Expression.Pipe(expression, operator, spanFrom(start));
        }
        leave();
        return expression;
    }

    private TabularOperator parseOperatorRecovering(int errorStart) {
        int start = current().start();
        int savedDepth = depth;
        try {
            return parseOperator();
        } catch (ParseFailure failure) {
            depth = savedDepth;
            recoverToPipe();
            return new TabularOperator.Error(new Span(Math.min(start, previousEnd()), Math.max(previousEnd(), start)));
        }
    }

    /** The start of a pipeline: a source operator, or any expression (usually a table name). */
    private Expression parseUnit() {
        if (kind() == TokenKind.IDENTIFIER) {
            String word = text(current());
            TabularOperator source = switch (word) {
                case "print" -> parsePrint();
                case "range" -> isNameToken(peek(1)) ? parseRange() : null;
                case "datatable" -> peek(1).kind() == TokenKind.OPEN_PAREN || peek(1).kind() == TokenKind.IDENTIFIER
                        ? parseDatatable() : null;
                case "union" -> parseUnion();
                case "search" -> parseSearch();
                case "find" -> peek(1).kind() != TokenKind.OPEN_PAREN ? parseFind() : null;
                case "externaldata", "external_data" -> parseExternalData();
                case "evaluate" -> parseEvaluate();
                default -> null;
            };
            if (source != null) {
                return new Expression.Source(source, source.span());
            }
        }
        return parseExpression();
    }

    /** A pipeline with an implicit input, as inside {@code mv-apply ... on (...)}: {@code op | op ...}. */
    private Expression parseContextualSubquery() {
        if (!(kind() == TokenKind.IDENTIFIER && OPERATORS.contains(text(current())))) {
            return parsePipeExpression();
        }
        enter();
        int start = current().start();
        Expression expression = new Expression.ContextTable(new Span(start, start));
        expression = new Expression.Pipe(expression, parseOperatorRecovering(start), spanFrom(start));
        while (kind() == TokenKind.PIPE) {
            Token pipe = advance();
            expression = new Expression.Pipe(expression, parseOperatorRecovering(pipe.end()), spanFrom(start));
        }
        leave();
        return expression;
    }

    private Expression parseParenthesizedContextualSubquery() {
        expect(TokenKind.OPEN_PAREN, "'(' and a sub-query");
        Expression subquery = parseContextualSubquery();
        expect(TokenKind.CLOSE_PAREN, "')' to end the sub-query");
        return subquery;
    }

    // ---------------------------------------------------------------------------------------------
    // Tabular operators

    private TabularOperator parseOperator() {
        Token first = current();
        if (first.kind() != TokenKind.IDENTIFIER) {
            throw fail(DiagnosticCode.EXPECTED_OPERATOR, first.span(),
                    "expected a tabular operator after '|', found " + describe(first),
                    first.kind() == TokenKind.PIPE ? "remove the extra '|'" : null);
        }
        String word = text(first);
        return switch (word) {
            case "where", "filter" -> parseWhere();
            case "extend" -> {
                advance();
                yield new TabularOperator.Extend(namedListAfterKeyword(), spanFrom(first.start()));
            }
            case "project" -> {
                advance();
                yield new TabularOperator.Project(namedListAfterKeyword(), spanFrom(first.start()));
            }
            case "project-away" -> {
                advance();
                yield new TabularOperator.ProjectAway(namePatternList(), spanFrom(first.start()));
            }
            case "project-keep" -> {
                advance();
                yield new TabularOperator.ProjectKeep(namePatternList(), spanFrom(first.start()));
            }
            case "project-rename" -> parseProjectRename();
            case "project-reorder" -> parseProjectReorder();
            case "project-by-names" -> {
                advance();
                yield new TabularOperator.ProjectByNames(expressionList(), spanFrom(first.start()));
            }
            case "summarize" -> parseSummarize();
            case "make-series" -> parseMakeSeries();
            case "mv-expand", "mvexpand" -> parseMvExpand();
            case "mv-apply", "mvapply" -> parseMvApply();
            case "join" -> parseJoin();
            case "lookup" -> parseLookup();
            case "union" -> parseUnion();
            case "sort", "order" -> parseSort();
            case "top" -> parseTop();
            case "top-nested" -> parseTopNested();
            case "top-hitters" -> parseTopHitters();
            case "take", "limit" -> {
                advance();
                List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, word);
                yield new TabularOperator.Take(word, parameters, parseExpression(), spanFrom(first.start()));
            }
            case "distinct" -> parseDistinct();
            case "count" -> {
                advance();
                yield new TabularOperator.Count(spanFrom(first.start()));
            }
            case "as" -> {
                advance();
                List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, word);
                yield new TabularOperator.As(parameters, expectName("a name after 'as'"), spanFrom(first.start()));
            }
            case "parse", "parse-where" -> parseParse();
            case "parse-kv" -> parseParseKv();
            case "evaluate" -> parseEvaluate();
            case "invoke" -> {
                advance();
                yield new TabularOperator.Invoke(parseCallOnly("a function call after 'invoke'"),
                        spanFrom(first.start()));
            }
            case "render" -> parseRender();
            case "search" -> parseSearch();
            case "find" -> parseFind();
            case "sample" -> {
                advance();
                List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, word);
                yield new TabularOperator.Sample(parameters, parseExpression(), spanFrom(first.start()));
            }
            case "sample-distinct" -> {
                advance();
                List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, word);
                Expression count = parseExpression();
                expectWord("of");
                yield new TabularOperator.SampleDistinct(parameters, count, parseExpression(), spanFrom(first.start()));
            }
            case "serialize" -> {
                advance();
                List<NamedExpression> columns = atOperatorEnd() ? List.of() : namedListAfterKeyword();
                yield new TabularOperator.Serialize(columns, spanFrom(first.start()));
            }
            case "scan" -> parseScan();
            case "partition" -> parsePartition();
            case "fork" -> parseFork();
            case "facet" -> parseFacet();
            case "getschema" -> {
                advance();
                yield new TabularOperator.GetSchema(spanFrom(first.start()));
            }
            case "consume" -> {
                advance();
                yield new TabularOperator.Consume(parseParameters(Set.of("decodeblocks"), word), spanFrom(first.start()));
            }
            case "reduce" -> parseReduce();
            default -> throw unknownOperator(first);
        };
    }

    private ParseFailure unknownOperator(Token first) {
        // Show the whole word as written, including a misspelt hyphenated keyword such as 'mv-expnd'.
        int end = first.end();
        int next = index + 1;
        while (next + 1 < tokens.size() && tokens.get(next).kind() == TokenKind.MINUS
                && tokens.get(next).start() == end && tokens.get(next + 1).kind() == TokenKind.IDENTIFIER
                && tokens.get(next + 1).start() == tokens.get(next).end()) {
            end = tokens.get(next + 1).end();
            next += 2;
        }
        Span span = new Span(first.start(), end);
        String word = text.substring(span.start(), span.end());
        if (UNSUPPORTED_OPERATORS.contains(word)) {
            return fail(DiagnosticCode.UNKNOWN_OPERATOR, span, "the '" + word + "' operator is not supported yet");
        }
        if (Set.of("print", "range", "datatable", "externaldata").contains(word)) {
            return fail(DiagnosticCode.UNKNOWN_OPERATOR, span,
                    "'" + word + "' starts a query; it cannot follow '|'", "start a new statement with it, or use it inside union or join");
        }
        String suggestion = Suggestions.closest(word, OPERATORS);
        return fail(DiagnosticCode.UNKNOWN_OPERATOR, span, "unknown tabular operator '" + word + "'",
                suggestion == null ? null : "did you mean '" + suggestion + "'?");
    }

    private TabularOperator parseWhere() {
        Token keyword = advance();
        List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, text(keyword));
        if (atOperatorEnd()) {
            throw expected("a predicate after '" + text(keyword) + "'");
        }
        NamedExpression predicate = parseNamedExpression();
        if (!predicate.names().isEmpty()) {
            // Kusto accepts 'where A = B' and filters on B alone, naming it A: a classic slip for ==.
            Span at = predicate.span();
            warn(DiagnosticCode.ASSIGNMENT_IN_FILTER, at, "'=' in a filter does not compare: this keeps the rows where '"
                    + source.slice(predicate.value().span()) + "' is true",
                    "use '==' to compare " + predicate.names().get(0).name() + " with a value");
        }
        return new TabularOperator.Where(text(keyword), parameters, predicate, spanFrom(keyword.start()));
    }

    /** One or more items separated by commas. */
    private <T> List<T> commaList(java.util.function.Supplier<T> item) {
        List<T> items = new ArrayList<>();
        do {
            items.add(item.get());
        } while (accept(TokenKind.COMMA));
        return items;
    }

    private List<NamedExpression> namedListAfterKeyword() {
        return commaList(this::parseNamedExpression);
    }

    private List<Expression> expressionList() {
        return commaList(this::parseExpression);
    }

    private List<NamePattern> namePatternList() {
        return commaList(this::parseNamePattern);
    }

    /** A column name, {@code ['quoted name']}, or a wildcard pattern such as {@code Account*}. */
    private NamePattern parseNamePattern() {
        if (kind() == TokenKind.OPEN_BRACKET) {
            int start = current().start();
            Identifier name = parseBracketedName();
            return new NamePattern(name.name(), spanFrom(start));
        }
        int start = current().start();
        StringBuilder pattern = new StringBuilder();
        int end = -1;
        while ((kind() == TokenKind.STAR || isNameToken(current()) || kind() == TokenKind.LONG)
                && (end < 0 || current().start() == end)) {
            if (kind() == TokenKind.LONG && end < 0) {
                break;
            }
            Token token = advance();
            pattern.append(text(token));
            end = token.end();
        }
        if (pattern.isEmpty()) {
            throw fail(DiagnosticCode.EXPECTED_NAME, current().span(),
                    "expected a column name, found " + describe(current()));
        }
        return new NamePattern(pattern.toString(), spanFrom(start));
    }

    private TabularOperator parseProjectRename() {
        int start = advance().start();
        List<Parts.Rename> renames = new ArrayList<>();
        do {
            int itemStart = current().start();
            Identifier newName = parseAnyName("the new column name");
            expect(TokenKind.ASSIGN, "'=' and the existing column name (project-rename NewName = OldName)");
            Identifier oldName = parseAnyName("the existing column name");
            renames.add(new Parts.Rename(newName, oldName, spanFrom(itemStart)));
        } while (accept(TokenKind.COMMA));
        return new TabularOperator.ProjectRename(renames, spanFrom(start));
    }

    private TabularOperator parseProjectReorder() {
        int start = advance().start();
        List<NamePattern> columns = new ArrayList<>();
        List<Identifier> orders = new ArrayList<>();
        do {
            columns.add(parseNamePattern());
            Identifier order = null;
            if (atWord("asc") || atWord("desc") || atWord("granny-asc") || atWord("granny-desc")) {
                Token token = advance();
                order = new Identifier(text(token), token.span());
            }
            orders.add(order);
        } while (accept(TokenKind.COMMA));
        return new TabularOperator.ProjectReorder(columns, orders, spanFrom(start));
    }

    private TabularOperator parseSummarize() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, "summarize");
        List<NamedExpression> aggregates = new ArrayList<>();
        if (!atWord("by") && !atOperatorEnd()) {
            aggregates = namedListAfterKeyword();
        }
        List<NamedExpression> by = new ArrayList<>();
        if (acceptWord("by")) {
            by = namedListAfterKeyword();
        }
        if (aggregates.isEmpty() && by.isEmpty()) {
            throw fail(DiagnosticCode.EXPECTED_EXPRESSION, current().span(),
                    "expected an aggregation or 'by' after 'summarize', found " + describe(current()));
        }
        return new TabularOperator.Summarize(parameters, aggregates, by, spanFrom(start));
    }

    private TabularOperator parseMakeSeries() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(KIND_ONLY, "make-series");
        List<Parts.MakeSeriesAggregate> aggregates = new ArrayList<>();
        do {
            int itemStart = current().start();
            NamedExpression aggregate = parseNamedExpression();
            Expression defaultValue = null;
            if (atWord("default") && peek(1).kind() == TokenKind.ASSIGN) {
                advance();
                advance();
                defaultValue = parseExpression();
            }
            aggregates.add(new Parts.MakeSeriesAggregate(aggregate, defaultValue, spanFrom(itemStart)));
        } while (accept(TokenKind.COMMA));
        expectWord("on");
        Expression axis = parseAdditive();
        Expression from = null;
        Expression to = null;
        Expression step;
        boolean inRange = false;
        if (atWord("in") && peekWord(1, "range")) {
            inRange = true;
            advance();
            advance();
            expect(TokenKind.OPEN_PAREN, "'(' after 'in range'");
            from = parseExpression();
            expect(TokenKind.COMMA, "',' between the start and the stop of the range");
            to = parseExpression();
            expect(TokenKind.COMMA, "',' between the stop and the step of the range");
            step = parseExpression();
            expect(TokenKind.CLOSE_PAREN, "')' to end the range");
        } else {
            if (acceptWord("from")) {
                from = parseExpression();
            }
            if (acceptWord("to")) {
                to = parseExpression();
            }
            expectWord("step");
            step = parseExpression();
        }
        List<NamedExpression> by = new ArrayList<>();
        if (acceptWord("by")) {
            by = namedListAfterKeyword();
        }
        return new TabularOperator.MakeSeries(parameters, aggregates, axis, inRange, from, to, step, by,
                spanFrom(start));
    }

    private List<Parts.MvExpandItem> mvExpandItems() {
        List<Parts.MvExpandItem> items = new ArrayList<>();
        do {
            int itemStart = current().start();
            NamedExpression value = parseNamedExpression();
            Parts.TypeSpec type = null;
            if (atWord("to") && peekWord(1, "typeof")) {
                advance();
                advance();
                expect(TokenKind.OPEN_PAREN, "'(' after 'typeof'");
                type = parseScalarType();
                expect(TokenKind.CLOSE_PAREN, "')' after the type");
            }
            items.add(new Parts.MvExpandItem(value, type, spanFrom(itemStart)));
        } while (accept(TokenKind.COMMA));
        return items;
    }

    private TabularOperator parseMvExpand() {
        Token keyword = advance();
        List<OperatorParameter> parameters = parseParameters(MV_PARAMETERS, "mv-expand");
        List<Parts.MvExpandItem> items = mvExpandItems();
        Expression limit = null;
        if (acceptWord("limit")) {
            limit = parseExpression();
        }
        return new TabularOperator.MvExpand(text(keyword), parameters, items, limit, spanFrom(keyword.start()));
    }

    private TabularOperator parseMvApply() {
        Token keyword = advance();
        List<OperatorParameter> parameters = parseParameters(MV_PARAMETERS, "mv-apply");
        List<Parts.MvExpandItem> items = mvExpandItems();
        Expression limit = null;
        if (acceptWord("limit")) {
            limit = parseExpression();
        }
        Identifier contextId = null;
        if (atWord("id") && peek(1).kind() == TokenKind.ASSIGN) {
            advance();
            advance();
            contextId = expectName("a column name for the context id");
        }
        expectWord("on");
        Expression subquery = parseParenthesizedContextualSubquery();
        return new TabularOperator.MvApply(text(keyword), parameters, items, limit, contextId, subquery,
                spanFrom(keyword.start()));
    }

    private TabularOperator parseJoin() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(JOIN_PARAMETERS, "join");
        Expression right = parseJoinRight();
        List<Expression> on = new ArrayList<>();
        if (acceptWord("on")) {
            on = expressionList();
        } else if (!atOperatorEnd()) {
            throw expected("'on' and the join condition");
        }
        return new TabularOperator.Join(parameters, right, on, spanFrom(start));
    }

    private Expression parseJoinRight() {
        if (kind() == TokenKind.OPEN_PAREN) {
            return parsePrimary();
        }
        if (!isNameToken(current()) && kind() != TokenKind.OPEN_BRACKET) {
            throw expected("the right side of the join: a table name or a '(' sub-query ')'");
        }
        return parsePostfix();
    }

    private TabularOperator parseLookup() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(KIND_ONLY, "lookup");
        Expression right = parseJoinRight();
        expectWord("on");
        return new TabularOperator.Lookup(parameters, right, expressionList(), spanFrom(start));
    }

    private TabularOperator.Union parseUnion() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(UNION_PARAMETERS, "union");
        List<Expression> tables = new ArrayList<>();
        do {
            tables.add(parseTableReference());
        } while (accept(TokenKind.COMMA));
        return new TabularOperator.Union(parameters, tables, spanFrom(start));
    }

    /** A table in union/search/find: a name, a wildcard such as {@code Sec*}, a call, or a sub-query. */
    private Expression parseTableReference() {
        if (kind() == TokenKind.STAR || (isNameToken(current()) && peek(1).kind() == TokenKind.STAR
                && peek(1).start() == current().end())) {
            NamePattern pattern = parseNamePattern();
            return new Expression.Wildcard(pattern, pattern.span());
        }
        return parseExpression();
    }

    private TabularOperator parseSort() {
        Token keyword = advance();
        List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, text(keyword));
        expectWord("by");
        List<SortKey> keys = new ArrayList<>();
        do {
            keys.add(parseSortKey());
        } while (accept(TokenKind.COMMA));
        return new TabularOperator.Sort(text(keyword), parameters, keys, spanFrom(keyword.start()));
    }

    private SortKey parseSortKey() {
        int start = current().start();
        Expression value = parseExpression();
        Parts.SortDirection direction = null;
        if (acceptWord("asc")) {
            direction = Parts.SortDirection.ASC;
        } else if (acceptWord("desc")) {
            direction = Parts.SortDirection.DESC;
        }
        Parts.NullsPlacement nulls = null;
        if (atWord("nulls")) {
            advance();
            if (acceptWord("first")) {
                nulls = Parts.NullsPlacement.FIRST;
            } else if (acceptWord("last")) {
                nulls = Parts.NullsPlacement.LAST;
            } else {
                throw expected("'first' or 'last' after 'nulls'");
            }
        }
        return new SortKey(value, direction, nulls, spanFrom(start));
    }

    private TabularOperator parseTop() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, "top");
        if (atWord("by")) {
            throw fail(DiagnosticCode.EXPECTED_EXPRESSION, current().span(),
                    "expected the number of rows after 'top', found 'by'", "write it as: top 10 by Column desc");
        }
        Expression count = parseExpression();
        expectWord("by");
        return new TabularOperator.Top(parameters, count, parseSortKey(), spanFrom(start));
    }

    private TabularOperator parseTopNested() {
        int start = current().start();
        List<Parts.TopNestedLevel> levels = new ArrayList<>();
        do {
            int levelStart = current().start();
            if (!acceptWord("top-nested")) {
                throw expected("'top-nested' to start the next level");
            }
            Expression count = atWord("of") ? null : parseExpression();
            expectWord("of");
            NamedExpression of = parseNamedExpression();
            Expression others = null;
            if (atWord("with") && peekWord(1, "others")) {
                advance();
                advance();
                expect(TokenKind.ASSIGN, "'=' after 'with others'");
                others = parseExpression();
            }
            expectWord("by");
            NamedExpression by = parseNamedExpression();
            Parts.SortDirection direction = null;
            if (acceptWord("asc")) {
                direction = Parts.SortDirection.ASC;
            } else if (acceptWord("desc")) {
                direction = Parts.SortDirection.DESC;
            }
            levels.add(new Parts.TopNestedLevel(count, of, others, by, direction, spanFrom(levelStart)));
        } while (accept(TokenKind.COMMA));
        return new TabularOperator.TopNested(levels, spanFrom(start));
    }

    private TabularOperator parseTopHitters() {
        int start = advance().start();
        Expression count = parseExpression();
        expectWord("of");
        Expression of = parseExpression();
        Expression by = null;
        if (acceptWord("by")) {
            by = parseExpression();
        }
        return new TabularOperator.TopHitters(count, of, by, spanFrom(start));
    }

    private TabularOperator parseDistinct() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, "distinct");
        return new TabularOperator.Distinct(parameters, namedListAfterKeyword(), spanFrom(start));
    }

    private TabularOperator parseParse() {
        Token keyword = advance();
        List<OperatorParameter> parameters = parseParameters(PARSE_PARAMETERS, "parse");
        Expression value = parseExpression();
        expectWord("with");
        List<Parts.ParsePatternPart> pattern = new ArrayList<>();
        while (true) {
            int partStart = current().start();
            if (kind() == TokenKind.STRING) {
                Expression.StringLiteral literal = parseStringLiteral();
                pattern.add(new Parts.ParseText(literal, literal.span()));
            } else if (kind() == TokenKind.STAR) {
                advance();
                pattern.add(new Parts.ParseStar(spanFrom(partStart)));
            } else if (isNameToken(current()) || kind() == TokenKind.OPEN_BRACKET) {
                Identifier name = parseAnyName("a column name");
                Parts.ScalarType type = null;
                if (accept(TokenKind.COLON)) {
                    type = parseScalarType();
                }
                pattern.add(new Parts.ParseColumn(name, type, spanFrom(partStart)));
            } else {
                break;
            }
        }
        if (pattern.isEmpty()) {
            throw expected("a pattern after 'with' (strings, '*' and column names)");
        }
        return new TabularOperator.Parse(text(keyword), parameters, value, pattern, spanFrom(keyword.start()));
    }

    private TabularOperator parseParseKv() {
        int start = advance().start();
        Expression value = parseExpression();
        expectWord("as");
        Parts.TabularSchema schema = parseSchema(false);
        List<OperatorParameter> options = new ArrayList<>();
        if (acceptWord("with")) {
            options = parseOptionList();
        }
        return new TabularOperator.ParseKv(value, schema, options, spanFrom(start));
    }

    private TabularOperator parseEvaluate() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, "evaluate");
        Expression.Call plugin = parseCallOnly("a plugin call after 'evaluate', such as bag_unpack(Column)");
        Parts.TabularSchema schema = null;
        if (accept(TokenKind.COLON)) {
            schema = parseSchema(true);
        }
        return new TabularOperator.Evaluate(parameters, plugin, schema, spanFrom(start));
    }

    private Expression.Call parseCallOnly(String what) {
        int start = current().start();
        if (!isNameToken(current())) {
            throw expected(what);
        }
        Expression function = parsePostfixChain(new Expression.Name(identifier(advance()), spanFrom(start)), start,
                false);
        if (function instanceof Expression.Call call) {
            return call;
        }
        if (kind() != TokenKind.OPEN_PAREN) {
            throw expected("'(' and the arguments of '" + source.slice(function.span()) + "'");
        }
        return parseCallArguments(function, start);
    }

    private TabularOperator parseRender() {
        int start = advance().start();
        Token chart = current();
        if (!isNameToken(chart) && !(chart.kind() == TokenKind.LONG)) {
            throw expected("a chart type after 'render', such as timechart");
        }
        advance();
        // 3Dchart lexes as a number followed by a name; join them back.
        int chartEnd = chart.end();
        if (chart.kind() == TokenKind.LONG && isNameToken(current()) && current().start() == chartEnd) {
            chartEnd = advance().end();
        } else if (chart.kind() == TokenKind.LONG) {
            throw expected("a chart type after 'render', such as timechart");
        }
        String chartName = text.substring(chart.start(), chartEnd);
        if (!CHART_TYPES.contains(chartName)) {
            String suggestion = Suggestions.closest(chartName, CHART_TYPES);
            report(DiagnosticCode.UNKNOWN_PARAMETER_VALUE, new Span(chart.start(), chartEnd),
                    "unknown chart type '" + chartName + "'",
                    suggestion == null ? "chart types: " + String.join(", ", new java.util.TreeSet<>(CHART_TYPES))
                            : "did you mean '" + suggestion + "'?");
        }
        Identifier chartId = new Identifier(chartName, new Span(chart.start(), chartEnd));
        List<OperatorParameter> properties = new ArrayList<>();
        boolean withClause = false;
        if (acceptWord("with")) {
            withClause = true;
            expect(TokenKind.OPEN_PAREN, "'(' after 'with'");
            if (kind() != TokenKind.CLOSE_PAREN) {
                do {
                    properties.add(parseRenderProperty());
                } while (accept(TokenKind.COMMA));
            }
            expect(TokenKind.CLOSE_PAREN, "')' to end the render properties");
        } else {
            while (isNameToken(current()) && peek(1).kind() == TokenKind.ASSIGN) {
                properties.add(parseRenderProperty());
            }
        }
        return new TabularOperator.Render(chartId, withClause, properties, spanFrom(start));
    }

    /** {@code name = value} where a list-valued property takes several comma-separated names. */
    private OperatorParameter parseRenderProperty() {
        int start = current().start();
        Identifier name = expectName("a render property such as title or ycolumns");
        expect(TokenKind.ASSIGN, "'=' after the property name");
        int valueStart = current().start();
        Expression value = parseParameterValue();
        List<Expression> values = new ArrayList<>();
        values.add(value);
        while (kind() == TokenKind.COMMA && isNameToken(peek(1)) && peek(2).kind() != TokenKind.ASSIGN) {
            advance();
            values.add(parseParameterValue());
        }
        if (values.size() > 1) {
            value = new Expression.ValueList(values, spanFrom(valueStart));
        }
        return new OperatorParameter(name, value, spanFrom(start));
    }

    private TabularOperator parseRange() {
        int start = advance().start();
        Identifier column = expectName("a column name after 'range'");
        expectWord("from");
        Expression from = parseExpression();
        expectWord("to");
        Expression to = parseExpression();
        expectWord("step");
        Expression step = parseExpression();
        return new TabularOperator.Range(column, from, to, step, spanFrom(start));
    }

    private TabularOperator parsePrint() {
        int start = advance().start();
        if (atOperatorEnd()) {
            throw expected("an expression to print");
        }
        return new TabularOperator.Print(namedListAfterKeyword(), spanFrom(start));
    }

    private TabularOperator parseDatatable() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, "datatable");
        Parts.TabularSchema schema = parseSchema(false);
        expect(TokenKind.OPEN_BRACKET, "'[' and the table's values");
        enter();
        List<Expression> values = new ArrayList<>();
        while (kind() != TokenKind.CLOSE_BRACKET) {
            if (kind() == TokenKind.END_OF_INPUT) {
                throw expected("']' to end the datatable values");
            }
            values.add(parseExpression());
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        expect(TokenKind.CLOSE_BRACKET, "',' or ']' in the datatable values");
        leave();
        return new TabularOperator.Datatable(parameters, schema.columns(), values, spanFrom(start));
    }

    private TabularOperator parseExternalData() {
        Token keyword = advance();
        Parts.TabularSchema schema = parseSchema(false);
        expect(TokenKind.OPEN_BRACKET, "'[' and the storage URIs");
        List<Expression> uris = new ArrayList<>();
        if (kind() != TokenKind.CLOSE_BRACKET) {
            do {
                uris.add(parseExpression());
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.CLOSE_BRACKET, "']' to end the storage URIs");
        List<OperatorParameter> options = new ArrayList<>();
        if (acceptWord("with")) {
            options = parseOptionList();
        }
        return new TabularOperator.ExternalData(text(keyword), schema.columns(), uris, options,
                spanFrom(keyword.start()));
    }

    private TabularOperator parseSearch() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(KIND_ONLY, "search");
        List<Expression> tables = new ArrayList<>();
        if (atWord("in") && peek(1).kind() == TokenKind.OPEN_PAREN) {
            advance();
            advance();
            do {
                tables.add(parseTableReference());
            } while (accept(TokenKind.COMMA));
            expect(TokenKind.CLOSE_PAREN, "')' to end the table list");
        }
        boolean outer = searchPredicate;
        searchPredicate = true;
        try {
            return new TabularOperator.Search(parameters, tables, parseExpression(), spanFrom(start));
        } finally {
            searchPredicate = outer;
        }
    }

    private TabularOperator parseFind() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(FIND_PARAMETERS, "find");
        List<Expression> tables = new ArrayList<>();
        if (atWord("in") && peek(1).kind() == TokenKind.OPEN_PAREN) {
            advance();
            advance();
            do {
                tables.add(parseTableReference());
            } while (accept(TokenKind.COMMA));
            expect(TokenKind.CLOSE_PAREN, "')' to end the table list");
        }
        acceptWord("where");
        Expression predicate = parseExpression();
        String projection = null;
        List<NamedExpression> columns = new ArrayList<>();
        if (atWord("project-smart")) {
            advance();
            projection = "project-smart";
        } else if (atWord("project")) {
            advance();
            projection = "project";
            columns = namedListAfterKeyword();
        }
        return new TabularOperator.Find(parameters, tables, predicate, projection, columns, spanFrom(start));
    }

    private TabularOperator parseScan() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(Set.of("with_match_id"), "scan");
        List<Parts.Parameter> declarations = new ArrayList<>();
        if (acceptWord("declare")) {
            expect(TokenKind.OPEN_PAREN, "'(' after 'declare'");
            do {
                declarations.add(parseParameter());
            } while (accept(TokenKind.COMMA));
            expect(TokenKind.CLOSE_PAREN, "')' to end the declarations");
        }
        expectWord("with");
        expect(TokenKind.OPEN_PAREN, "'(' and the scan steps");
        List<Parts.ScanStep> steps = new ArrayList<>();
        while (atWord("step")) {
            int stepStart = advance().start();
            Identifier name = expectName("a step name");
            boolean optional = acceptWord("optional");
            Identifier output = null;
            if (atWord("output") && peek(1).kind() == TokenKind.ASSIGN) {
                advance();
                advance();
                output = expectName("all, last or none after 'output='");
            }
            expect(TokenKind.COLON, "':' and the step's condition");
            Expression condition = parseExpression();
            List<NamedExpression> assignments = new ArrayList<>();
            if (accept(TokenKind.ARROW)) {
                assignments = namedListAfterKeyword();
            }
            steps.add(new Parts.ScanStep(name, optional, output, condition, assignments, spanFrom(stepStart)));
            if (!accept(TokenKind.SEMICOLON)) {
                break;
            }
        }
        if (steps.isEmpty()) {
            throw expected("'step' to start a scan step");
        }
        expect(TokenKind.CLOSE_PAREN, "')' to end the scan steps");
        return new TabularOperator.Scan(parameters, declarations, steps, spanFrom(start));
    }

    private TabularOperator parsePartition() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(HINTS_ONLY, "partition");
        expectWord("by");
        Identifier byName = parseAnyName("the column to partition by");
        Expression by = new Expression.Name(byName, byName.span());
        parameters = new ArrayList<>(parameters);
        parameters.addAll(parseParameters(HINTS_ONLY, "partition"));
        if (kind() == TokenKind.OPEN_BRACE) {
            advance();
            Expression subquery = parsePipeExpression();
            expect(TokenKind.CLOSE_BRACE, "'}' to end the partition sub-query");
            return new TabularOperator.Partition(parameters, by, true, subquery, spanFrom(start));
        }
        Expression subquery = parseParenthesizedContextualSubquery();
        return new TabularOperator.Partition(parameters, by, false, subquery, spanFrom(start));
    }

    private TabularOperator parseFork() {
        int start = advance().start();
        List<Parts.ForkBranch> branches = new ArrayList<>();
        while (kind() == TokenKind.OPEN_PAREN || (isNameToken(current()) && peek(1).kind() == TokenKind.ASSIGN)) {
            int branchStart = current().start();
            Identifier name = null;
            if (kind() != TokenKind.OPEN_PAREN) {
                name = identifier(advance());
                advance();
            }
            Expression query = parseParenthesizedContextualSubquery();
            branches.add(new Parts.ForkBranch(name, query, spanFrom(branchStart)));
        }
        if (branches.isEmpty()) {
            throw expected("'(' and a sub-query after 'fork'");
        }
        return new TabularOperator.Fork(branches, spanFrom(start));
    }

    private TabularOperator parseFacet() {
        int start = advance().start();
        expectWord("by");
        List<Expression> by = new ArrayList<>();
        do {
            by.add(parsePostfix());
        } while (accept(TokenKind.COMMA));
        Expression with = null;
        if (acceptWord("with")) {
            with = parseParenthesizedContextualSubquery();
        }
        return new TabularOperator.Facet(by, with, spanFrom(start));
    }

    private TabularOperator parseReduce() {
        int start = advance().start();
        List<OperatorParameter> parameters = parseParameters(KIND_ONLY, "reduce");
        expectWord("by");
        Expression by = parseExpression();
        List<OperatorParameter> options = new ArrayList<>();
        if (acceptWord("with")) {
            do {
                int optionStart = current().start();
                Identifier name = expectName("an option such as threshold or characters");
                expect(TokenKind.ASSIGN, "'=' after the option name");
                options.add(new OperatorParameter(name, parseParameterValue(), spanFrom(optionStart)));
            } while (accept(TokenKind.COMMA));
        }
        return new TabularOperator.Reduce(parameters, by, options, spanFrom(start));
    }

    /** {@code (name = value, ...)}. */
    private List<OperatorParameter> parseOptionList() {
        expect(TokenKind.OPEN_PAREN, "'(' and the options");
        List<OperatorParameter> options = new ArrayList<>();
        if (kind() != TokenKind.CLOSE_PAREN) {
            do {
                int optionStart = current().start();
                Identifier name = expectName("an option name");
                expect(TokenKind.ASSIGN, "'=' after the option name");
                options.add(new OperatorParameter(name, parseParameterValue(), spanFrom(optionStart)));
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.CLOSE_PAREN, "')' to end the options");
        return options;
    }

    /**
     * Operator options written before the operator's arguments: the names in {@code allowed} and any
     * {@code hint.*}. A word that is not an option is left for the operator (it may be a column being
     * assigned, as in {@code summarize kind = count()}), except a misspelt {@code kind}.
     */
    private List<OperatorParameter> parseParameters(Set<String> allowed, String operator) {
        List<OperatorParameter> parameters = new ArrayList<>();
        while (isNameToken(current())) {
            int start = current().start();
            String name = text(current());
            int valueIndex;
            if (name.equals("hint") && peek(1).kind() == TokenKind.DOT && isNameToken(peek(2))
                    && peek(3).kind() == TokenKind.ASSIGN) {
                name = "hint." + text(peek(2));
                valueIndex = 4;
            } else if (allowed.contains(name) && peek(1).kind() == TokenKind.ASSIGN) {
                valueIndex = 2;
            } else {
                break;
            }
            Span nameSpan = new Span(start, peek(valueIndex - 2).end());
            index += valueIndex;
            Expression value = parseParameterValue();
            if (name.equals("kind")) {
                checkKind(operator, value);
            }
            parameters.add(new OperatorParameter(new Identifier(name, nameSpan), value, spanFrom(start)));
        }
        return parameters;
    }

    private void checkKind(String operator, Expression value) {
        Set<String> kinds = switch (operator) {
            case "join" -> JOIN_KINDS;
            case "lookup" -> Set.of("leftouter", "inner");
            case "union" -> Set.of("inner", "outer");
            case "mv-expand", "mv-apply" -> Set.of("bag", "array");
            case "parse" -> Set.of("simple", "regex", "relaxed");
            // search also takes kind=default, a synonym of case_insensitive (docs: search-operator.md).
            case "search" -> Set.of("default", "case_sensitive", "case_insensitive");
            case "find" -> Set.of("case_sensitive", "case_insensitive");
            case "make-series" -> Set.of("nonempty");
            case "reduce" -> Set.of("source");
            default -> null;
        };
        if (kinds == null || !(value instanceof Expression.Name name)) {
            return;
        }
        String written = name.identifier().name();
        if (!kinds.contains(written)) {
            String suggestion = Suggestions.closest(written, kinds);
            report(DiagnosticCode.UNKNOWN_PARAMETER_VALUE, value.span(),
                    "unknown " + operator + " kind '" + written + "'",
                    suggestion != null ? "did you mean '" + suggestion + "'?"
                            : "kinds: " + String.join(", ", new java.util.TreeSet<>(kinds)));
        }
    }

    /** A single-token option value: a name, a literal, or a signed number. */
    private Expression parseParameterValue() {
        Token token = current();
        switch (token.kind()) {
            case IDENTIFIER -> {
                String word = text(token);
                if ((word.equals("true") || word.equals("false"))) {
                    advance();
                    return new Expression.Literal(LiteralKind.BOOL, word, token.span());
                }
                if (word.equals("typeof") && peek(1).kind() == TokenKind.OPEN_PAREN) {
                    return parsePrimary();
                }
                advance();
                return new Expression.Name(identifier(token), token.span());
            }
            case MINUS, PLUS -> {
                if (peek(1).kind() == TokenKind.LONG || peek(1).kind() == TokenKind.REAL
                        || peek(1).kind() == TokenKind.TIMESPAN) {
                    return parseUnary();
                }
                throw expected("a value");
            }
            case LONG, REAL, TIMESPAN, STRING, RAW_LITERAL -> {
                return parsePrimary();
            }
            case OPEN_BRACKET -> {
                Identifier name = parseBracketedName();
                return new Expression.Name(name, name.span());
            }
            default -> throw expected("a value");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Named expressions and schemas

    /** {@code expr}, {@code name = expr}, {@code ['name'] = expr}, or {@code (a, b) = expr}. */
    private NamedExpression parseNamedExpression() {
        int start = current().start();
        if (kind() == TokenKind.OPEN_PAREN && looksLikeTupleNames()) {
            advance();
            List<Identifier> names = new ArrayList<>();
            do {
                names.add(parseAnyName("a column name"));
            } while (accept(TokenKind.COMMA));
            expect(TokenKind.CLOSE_PAREN, "')' to end the column names");
            expect(TokenKind.ASSIGN, "'=' after the column names");
            Expression value = parseExpression();
            return new NamedExpression(names, true, value, spanFrom(start));
        }
        if (isNameToken(current()) && peek(1).kind() == TokenKind.ASSIGN) {
            Identifier name = identifier(advance());
            advance();
            return new NamedExpression(List.of(name), false, parseExpression(), spanFrom(start));
        }
        if (kind() == TokenKind.OPEN_BRACKET && peek(1).kind() == TokenKind.STRING
                && peek(2).kind() == TokenKind.CLOSE_BRACKET && peek(3).kind() == TokenKind.ASSIGN) {
            Identifier name = parseBracketedName();
            advance();
            return new NamedExpression(List.of(name), false, parseExpression(), spanFrom(start));
        }
        if (kind() == TokenKind.ASSIGN) {
            throw fail(DiagnosticCode.EXPECTED_NAME, current().span(), "expected a column name before '='");
        }
        Expression value = parseExpression();
        return new NamedExpression(List.of(), false, value, spanFrom(start));
    }

    /** {@code (a, b, c) =}: names separated by commas, a closing parenthesis, then a single '='. */
    private boolean looksLikeTupleNames() {
        int i = 1;
        while (true) {
            Token token = peek(i);
            if (token.kind() == TokenKind.OPEN_BRACKET && peek(i + 1).kind() == TokenKind.STRING
                    && peek(i + 2).kind() == TokenKind.CLOSE_BRACKET) {
                i += 3;
            } else if (isNameToken(token)) {
                i++;
            } else {
                return false;
            }
            Token after = peek(i);
            if (after.kind() == TokenKind.CLOSE_PAREN) {
                return peek(i + 1).kind() == TokenKind.ASSIGN;
            }
            if (after.kind() != TokenKind.COMMA) {
                return false;
            }
            i++;
        }
    }

    /** {@code (name:type, ...)}; with {@code allowStar}, {@code *} may stand for "any other columns". */
    private Parts.TabularSchema parseSchema(boolean allowStar) {
        int start = expect(TokenKind.OPEN_PAREN, "'(' and the column list (name:type, ...)").start();
        List<ColumnDeclaration> columns = new ArrayList<>();
        boolean open = false;
        if (kind() != TokenKind.CLOSE_PAREN) {
            do {
                if (kind() == TokenKind.STAR) {
                    advance();
                    open = true;
                    continue;
                }
                int columnStart = current().start();
                Identifier name = parseAnyName("a column name");
                expect(TokenKind.COLON, "':' and a type after the column name");
                Parts.ScalarType type = parseScalarType();
                columns.add(new ColumnDeclaration(name, type, spanFrom(columnStart)));
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.CLOSE_PAREN, "')' to end the column list");
        if (open && !allowStar) {
            report(DiagnosticCode.UNEXPECTED_TOKEN, spanFrom(start), "'*' is not allowed in this column list", null);
        }
        return new Parts.TabularSchema(columns, open, spanFrom(start));
    }

    /** A scalar type, or (for parameters) a tabular schema such as {@code (*)} or {@code (a:long)}. */
    private Parts.TypeSpec parseTypeSpec(boolean allowTabular) {
        if (allowTabular && kind() == TokenKind.OPEN_PAREN) {
            return parseSchema(true);
        }
        return parseScalarType();
    }

    private Parts.ScalarType parseScalarType() {
        Token token = current();
        if (token.kind() != TokenKind.IDENTIFIER) {
            throw expected("a type name such as string, long or datetime");
        }
        advance();
        String name = text(token);
        if (!SCALAR_TYPES.contains(name)) {
            String suggestion = Suggestions.closest(name, SCALAR_TYPES);
            report(DiagnosticCode.UNKNOWN_TYPE, token.span(), "unknown type '" + name + "'",
                    suggestion != null ? "did you mean '" + suggestion + "'?"
                            : "types: bool, int, long, real, decimal, string, datetime, timespan, guid, dynamic");
        }
        return new Parts.ScalarType(identifier(token), token.span());
    }

    // ---------------------------------------------------------------------------------------------
    // Expressions, lowest precedence first

    /** A scalar (or parenthesised tabular) expression that does not continue past a top-level {@code |}. */
    private Expression parseExpression() {
        return parseOr();
    }

    private Expression parseOr() {
        int start = current().start();
        Expression left = parseAnd();
        while (atWord("or")) {
            advance();
            Expression right = parseAnd();
            left = new Expression.Binary(BinaryOperator.OR, left, right, spanFrom(start));
        }
        return left;
    }

    private Expression parseAnd() {
        int start = current().start();
        Expression left = parseEquality();
        while (atWord("and")) {
            advance();
            Expression right = parseEquality();
            left = new Expression.Binary(BinaryOperator.AND, left, right, spanFrom(start));
        }
        return left;
    }

    private Expression parseEquality() {
        int start = current().start();
        Expression left = parseRelational();
        while (true) {
            Token token = current();
            BinaryOperator operator = switch (token.kind()) {
                case EQUAL -> BinaryOperator.EQUAL;
                case NOT_EQUAL -> BinaryOperator.NOT_EQUAL;
                case LESS_GREATER -> BinaryOperator.LEGACY_NOT_EQUAL;
                case EQUAL_TILDE -> BinaryOperator.EQUAL_CI;
                case NOT_TILDE -> BinaryOperator.NOT_EQUAL_CI;
                case IDENTIFIER, NEGATED_WORD -> BinaryOperator.word(text(token));
                default -> null;
            };
            if (operator == null && token.kind() == TokenKind.COLON && searchPredicate && left instanceof Expression.Name) {
                // search's ColumnName:StringLiteral (docs: search-operator.md, "Search predicate syntax").
                operator = BinaryOperator.SEARCH_COLUMN;
            }
            if (operator != null) {
                advance();
                Expression right = parseRelational();
                left = new Expression.Binary(operator, left, right, spanFrom(start));
                continue;
            }
            if (token.kind() != TokenKind.IDENTIFIER && token.kind() != TokenKind.NEGATED_WORD) {
                return left;
            }
            String word = text(token);
            if (word.equals("matches") && peekWord(1, "regex")) {
                advance();
                advance();
                Expression right = parseRelational();
                left = new Expression.Binary(BinaryOperator.MATCHES_REGEX, left, right, spanFrom(start));
                continue;
            }
            ListOperator listOperator = ListOperator.word(word);
            if (listOperator != null) {
                advance();
                left = new Expression.InList(listOperator, left, parseValueList(word), spanFrom(start));
                continue;
            }
            if (word.equals("between") || word.equals("!between")) {
                advance();
                expect(TokenKind.OPEN_PAREN, "'(' after '" + word + "', as in between (low .. high)");
                Expression low = parseExpression();
                expect(TokenKind.DOT_DOT, "'..' between the low and the high bound");
                Expression high = parseExpression();
                expect(TokenKind.CLOSE_PAREN, "')' to end the range");
                left = new Expression.Between(left, low, high, word.startsWith("!"), spanFrom(start));
                continue;
            }
            if (token.kind() == TokenKind.NEGATED_WORD) {
                List<String> known = new ArrayList<>(BinaryOperator.words());
                known.addAll(ListOperator.words());
                known.add("!between");
                String suggestion = Suggestions.closest(word, known);
                throw fail(DiagnosticCode.UNKNOWN_STRING_OPERATOR, token.span(), "unknown operator '" + word + "'",
                        suggestion == null ? null : "did you mean '" + suggestion + "'?");
            }
            return left;
        }
    }

    /** The right side of {@code in}, {@code has_any}, ...: {@code (a, b, ...)}, possibly one tabular expression. */
    private List<Expression> parseValueList(String operator) {
        expect(TokenKind.OPEN_PAREN, "'(' and a list of values after '" + operator + "'");
        enter();
        List<Expression> values = new ArrayList<>();
        if (kind() != TokenKind.CLOSE_PAREN) {
            do {
                values.add(parsePipeExpression());
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.CLOSE_PAREN, "',' or ')' in the list of values");
        leave();
        return values;
    }

    private Expression parseRelational() {
        int start = current().start();
        Expression left = parseAdditive();
        while (true) {
            BinaryOperator operator = switch (kind()) {
                case LESS -> BinaryOperator.LESS;
                case LESS_OR_EQUAL -> BinaryOperator.LESS_OR_EQUAL;
                case GREATER -> BinaryOperator.GREATER;
                case GREATER_OR_EQUAL -> BinaryOperator.GREATER_OR_EQUAL;
                default -> null;
            };
            if (operator == null) {
                return left;
            }
            advance();
            Expression right = parseAdditive();
            left = new Expression.Binary(operator, left, right, spanFrom(start));
        }
    }

    private Expression parseAdditive() {
        int start = current().start();
        Expression left = parseMultiplicative();
        while (kind() == TokenKind.PLUS || kind() == TokenKind.MINUS) {
            BinaryOperator operator = kind() == TokenKind.PLUS ? BinaryOperator.ADD : BinaryOperator.SUBTRACT;
            advance();
            Expression right = parseMultiplicative();
            left = new Expression.Binary(operator, left, right, spanFrom(start));
        }
        return left;
    }

    private Expression parseMultiplicative() {
        int start = current().start();
        Expression left = parseUnary();
        while (kind() == TokenKind.STAR || kind() == TokenKind.SLASH || kind() == TokenKind.PERCENT) {
            BinaryOperator operator = switch (kind()) {
                case STAR -> BinaryOperator.MULTIPLY;
                case SLASH -> BinaryOperator.DIVIDE;
                default -> BinaryOperator.MODULO;
            };
            advance();
            Expression right = parseUnary();
            left = new Expression.Binary(operator, left, right, spanFrom(start));
        }
        return left;
    }

    private Expression parseUnary() {
        if (kind() == TokenKind.MINUS || kind() == TokenKind.PLUS) {
            int start = current().start();
            UnaryOperator operator = kind() == TokenKind.MINUS ? UnaryOperator.MINUS : UnaryOperator.PLUS;
            advance();
            enter();
            Expression operand = parseUnary();
            leave();
            return new Expression.Unary(operator, operand, spanFrom(start));
        }
        return parsePostfix();
    }

    private Expression parsePostfix() {
        int start = current().start();
        return parsePostfixChain(parsePrimary(), start, true);
    }

    /** Member access, indexing and calls on a member: {@code a.b}, {@code a['b']}, {@code a[0]}, {@code x.f(...)}. */
    private Expression parsePostfixChain(Expression expression, int start, boolean allowIndex) {
        while (true) {
            if (kind() == TokenKind.DOT) {
                advance();
                Token member = current();
                if (member.kind() == TokenKind.OPEN_BRACKET) {
                    // x.[0] and x.['a'] are written in real rules and mean x[0] and x['a'].
                    advance();
                    enter();
                    Expression indexValue = parseExpression();
                    expect(TokenKind.CLOSE_BRACKET, "']' to end the index");
                    leave();
                    expression = new Expression.Index(expression, indexValue, spanFrom(start));
                    continue;
                }
                if (member.kind() != TokenKind.IDENTIFIER && member.kind() != TokenKind.RAW_LITERAL) {
                    throw fail(DiagnosticCode.EXPECTED_NAME, member.span(),
                            "expected a property name after '.', found " + describe(member));
                }
                if (member.kind() == TokenKind.RAW_LITERAL) {
                    // x.time(...) would be odd; x.time is a property named 'time'.
                    throw fail(DiagnosticCode.EXPECTED_NAME, member.span(),
                            "expected a property name after '.', found " + describe(member));
                }
                advance();
                expression = new Expression.Member(expression, identifier(member), spanFrom(start));
                if (kind() == TokenKind.OPEN_PAREN && member.end() == current().start()) {
                    expression = parseCallArguments(expression, start);
                }
            } else if (kind() == TokenKind.OPEN_BRACKET && allowIndex) {
                advance();
                enter();
                Expression indexValue = parseExpression();
                expect(TokenKind.CLOSE_BRACKET, "']' to end the index");
                leave();
                expression = new Expression.Index(expression, indexValue, spanFrom(start));
            } else {
                return expression;
            }
        }
    }

    private Expression parsePrimary() {
        Token token = current();
        switch (token.kind()) {
            case LONG -> {
                advance();
                return new Expression.Literal(LiteralKind.LONG, text(token), token.span());
            }
            case REAL -> {
                advance();
                return new Expression.Literal(LiteralKind.REAL, text(token), token.span());
            }
            case TIMESPAN -> {
                advance();
                if (LiteralValues.timespanTicks(text(token)) == null) {
                    report(DiagnosticCode.INVALID_TIMESPAN, token.span(),
                            "timespan literal '" + text(token) + "' is out of range", null);
                }
                return new Expression.Literal(LiteralKind.TIMESPAN, text(token), token.span());
            }
            case STRING -> {
                return parseStringLiteral();
            }
            case RAW_LITERAL -> {
                advance();
                return rawLiteral(token);
            }
            case IDENTIFIER -> {
                return parseIdentifierPrimary(token);
            }
            case OPEN_PAREN -> {
                int start = advance().start();
                Expression inner = parsePipeExpression();
                expect(TokenKind.CLOSE_PAREN, "')'");
                return new Expression.Parenthesized(inner, spanFrom(start));
            }
            case OPEN_BRACKET -> {
                if (peek(1).kind() == TokenKind.STRING && peek(2).kind() == TokenKind.CLOSE_BRACKET) {
                    Identifier name = parseBracketedName();
                    return new Expression.Name(name, name.span());
                }
                throw fail(DiagnosticCode.EXPECTED_EXPRESSION, token.span(),
                        "expected an expression, found '['",
                        "write arrays as dynamic([1, 2]) and quoted names as ['name']");
            }
            case STAR -> {
                advance();
                return new Expression.Star(token.span());
            }
            case BAD -> {
                // The lexer has already said what is wrong with this text.
                advance();
                throw ParseFailure.INSTANCE;
            }
            default -> throw fail(DiagnosticCode.EXPECTED_EXPRESSION, missingAt(token),
                    "expected an expression, found " + describe(token));
        }
    }

    private Expression parseIdentifierPrimary(Token token) {
        String word = text(token);
        Token next = peek(1);
        if (word.equals("and") || word.equals("or")) {
            throw fail(DiagnosticCode.EXPECTED_EXPRESSION, token.span(),
                    "expected an expression, found '" + word + "'",
                    "to use '" + word + "' as a name, quote it: ['" + word + "']");
        }
        if (word.equals("true") || word.equals("false")) {
            advance();
            return new Expression.Literal(LiteralKind.BOOL, word, token.span());
        }
        if (next.kind() == TokenKind.OPEN_PAREN) {
            switch (word) {
                case "dynamic":
                    return parseDynamicLiteral();
                case "typeof": {
                    int start = advance().start();
                    advance();
                    Parts.TypeSpec type;
                    if (kind() == TokenKind.IDENTIFIER && peek(1).kind() == TokenKind.CLOSE_PAREN) {
                        type = parseScalarType();
                    } else {
                        int schemaStart = current().start();
                        List<ColumnDeclaration> columns = new ArrayList<>();
                        boolean open = false;
                        do {
                            if (accept(TokenKind.STAR)) {
                                open = true;
                                continue;
                            }
                            int columnStart = current().start();
                            Identifier name = parseAnyName("a column name");
                            expect(TokenKind.COLON, "':' and a type");
                            columns.add(new ColumnDeclaration(name, parseScalarType(), spanFrom(columnStart)));
                        } while (accept(TokenKind.COMMA));
                        type = new Parts.TabularSchema(columns, open, spanFrom(schemaStart));
                    }
                    expect(TokenKind.CLOSE_PAREN, "')' after the type");
                    return new Expression.TypeOf(type, spanFrom(start));
                }
                default:
                    break;
            }
            LiteralKind typed = TYPED_LITERAL_WORDS.get(word);
            if (typed != null || word.equals("string")) {
                Expression literal = tryTypedLiteral(token, typed);
                if (literal != null) {
                    return literal;
                }
            }
            int start = advance().start();
            return parseCallArguments(new Expression.Name(identifier(token), token.span()), start);
        }
        advance();
        return new Expression.Name(identifier(token), token.span());
    }

    /** {@code long(null)}, {@code int(-1)}, {@code real(nan)}, {@code real(+inf)}, {@code bool(true)}, {@code string(null)}. */
    private Expression tryTypedLiteral(Token word, LiteralKind kind) {
        int i = 2;
        Token content = peek(i);
        boolean signed = false;
        if (content.kind() == TokenKind.MINUS || content.kind() == TokenKind.PLUS) {
            signed = true;
            content = peek(++i);
        }
        boolean literal = switch (content.kind()) {
            case LONG, REAL -> kind != null && kind != LiteralKind.BOOL;
            case IDENTIFIER -> {
                String value = text(content);
                yield value.equals("null") && !signed
                        || (kind == LiteralKind.REAL && (value.equals("nan") || value.equals("inf")))
                        || (kind == LiteralKind.BOOL && !signed && (value.equals("true") || value.equals("false")));
            }
            default -> false;
        };
        if (!literal || peek(i + 1).kind() != TokenKind.CLOSE_PAREN) {
            return null;
        }
        Token close = peek(i + 1);
        index += i + 2;
        Span span = new Span(word.start(), close.end());
        String literalText = text.substring(span.start(), span.end());
        boolean isNull = text(content).equals("null");
        return new Expression.Literal(isNull ? LiteralKind.TYPED_NULL : kind, literalText, span);
    }

    private Expression rawLiteral(Token token) {
        String literal = text(token);
        String word = literal.substring(0, literal.indexOf('(')).trim();
        String content = LiteralValues.parenthesisedContent(literal);
        boolean isNull = content.equals("null");
        switch (word) {
            case "datetime", "date" -> {
                if (!isNull && LiteralValues.datetimeTicks(content) == null) {
                    report(DiagnosticCode.INVALID_DATETIME, token.span(),
                            "'" + content + "' is not a valid datetime",
                            "write datetimes as ISO 8601, e.g. datetime(2024-01-31 13:45:00) or datetime(2024-01-31T13:45:00Z)");
                }
                return new Expression.Literal(isNull ? LiteralKind.TYPED_NULL : LiteralKind.DATETIME, literal,
                        token.span());
            }
            case "timespan", "time" -> {
                if (!isNull && LiteralValues.timespanTicks(literal) == null) {
                    report(DiagnosticCode.INVALID_TIMESPAN, token.span(),
                            "'" + content + "' is not a valid timespan",
                            "write timespans as 1.5h, 30m, 2d or time(1.02:03:04)");
                }
                return new Expression.Literal(isNull ? LiteralKind.TYPED_NULL : LiteralKind.TIMESPAN, literal,
                        token.span());
            }
            default -> {
                if (!isNull && !LiteralValues.isGuid(content)) {
                    report(DiagnosticCode.INVALID_GUID, token.span(), "'" + content + "' is not a valid guid",
                            "write guids as guid(74be27de-1e4e-49d9-b579-fe0b331d3642)");
                }
                return new Expression.Literal(isNull ? LiteralKind.TYPED_NULL : LiteralKind.GUID, literal,
                        token.span());
            }
        }
    }

    private Expression.Call parseCallArguments(Expression function, int start) {
        expect(TokenKind.OPEN_PAREN, "'('");
        enter();
        List<Expression.Argument> arguments = new ArrayList<>();
        if (kind() != TokenKind.CLOSE_PAREN) {
            do {
                int argumentStart = current().start();
                if (isNameToken(current()) && peek(1).kind() == TokenKind.ASSIGN) {
                    Identifier name = identifier(advance());
                    advance();
                    Expression value = parsePipeExpression();
                    arguments.add(new Expression.NamedArgument(name, value, spanFrom(argumentStart)));
                } else {
                    Expression value = parsePipeExpression();
                    arguments.add(new Expression.Positional(value, spanFrom(argumentStart)));
                }
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.CLOSE_PAREN, "',' or ')' in the argument list");
        leave();
        return new Expression.Call(function, arguments, spanFrom(start));
    }

    private Expression.StringLiteral parseStringLiteral() {
        int start = current().start();
        List<String> parts = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        while (kind() == TokenKind.STRING) {
            String part = text(advance());
            parts.add(part);
            value.append(StringLiterals.decode(part));
        }
        return new Expression.StringLiteral(parts, value.toString(), spanFrom(start));
    }

    private Expression parseDynamicLiteral() {
        int start = advance().start();
        expect(TokenKind.OPEN_PAREN, "'('");
        Parts.DynamicValue value = parseDynamicValue();
        expect(TokenKind.CLOSE_PAREN, "')' to end the dynamic literal");
        Span span = spanFrom(start);
        return new Expression.DynamicLiteral(source.slice(span), value, span);
    }

    private Parts.DynamicValue parseDynamicValue() {
        Token token = current();
        int start = token.start();
        switch (token.kind()) {
            case OPEN_BRACKET -> {
                advance();
                enter();
                List<Parts.DynamicValue> elements = new ArrayList<>();
                while (kind() != TokenKind.CLOSE_BRACKET) {
                    elements.add(parseDynamicValue());
                    if (!accept(TokenKind.COMMA)) {
                        break;
                    }
                }
                expectDynamic(TokenKind.CLOSE_BRACKET, "',' or ']' in the array");
                leave();
                return new Parts.DynamicArray(elements, spanFrom(start));
            }
            case OPEN_BRACE -> {
                advance();
                enter();
                List<Parts.DynamicProperty> properties = new ArrayList<>();
                while (kind() != TokenKind.CLOSE_BRACE) {
                    Token key = current();
                    String name;
                    if (key.kind() == TokenKind.STRING) {
                        name = StringLiterals.decode(text(advance()));
                    } else if (isNameToken(key)) {
                        name = text(advance());
                    } else {
                        throw dynamicError("a property name");
                    }
                    expectDynamic(TokenKind.COLON, "':' after the property name");
                    properties.add(new Parts.DynamicProperty(name, parseDynamicValue()));
                    if (!accept(TokenKind.COMMA)) {
                        break;
                    }
                }
                expectDynamic(TokenKind.CLOSE_BRACE, "',' or '}' in the property bag");
                leave();
                return new Parts.DynamicObject(properties, spanFrom(start));
            }
            case STRING -> {
                Expression.StringLiteral literal = parseStringLiteral();
                return new Parts.DynamicString(literal.value(), literal.span());
            }
            case LONG, REAL, TIMESPAN, RAW_LITERAL -> {
                Expression literal = parsePrimary();
                return new Parts.DynamicScalar((Expression.Literal) literal, literal.span());
            }
            case MINUS, PLUS -> {
                Token number = peek(1);
                if (number.kind() != TokenKind.LONG && number.kind() != TokenKind.REAL
                        && number.kind() != TokenKind.TIMESPAN) {
                    throw dynamicError("a number after the sign");
                }
                advance();
                advance();
                Span span = new Span(token.start(), number.end());
                LiteralKind kind = switch (number.kind()) {
                    case LONG -> LiteralKind.LONG;
                    case REAL -> LiteralKind.REAL;
                    default -> LiteralKind.TIMESPAN;
                };
                return new Parts.DynamicScalar(new Expression.Literal(kind, source.slice(span), span), span);
            }
            case IDENTIFIER -> {
                String word = text(token);
                if (word.equals("null")) {
                    advance();
                    return new Parts.DynamicNull(token.span());
                }
                if (word.equals("dynamic") && peek(1).kind() == TokenKind.OPEN_PAREN) {
                    // A dynamic literal nested in another is its value.
                    advance();
                    advance();
                    Parts.DynamicValue inner = parseDynamicValue();
                    expectDynamic(TokenKind.CLOSE_PAREN, "')' to end the nested dynamic literal");
                    return inner;
                }
                if (word.equals("true") || word.equals("false")) {
                    advance();
                    return new Parts.DynamicScalar(new Expression.Literal(LiteralKind.BOOL, word, token.span()),
                            token.span());
                }
                if (TYPED_LITERAL_WORDS.containsKey(word) && peek(1).kind() == TokenKind.OPEN_PAREN) {
                    Expression literal = tryTypedLiteral(token, TYPED_LITERAL_WORDS.get(word));
                    if (literal != null) {
                        return new Parts.DynamicScalar((Expression.Literal) literal, literal.span());
                    }
                }
                throw dynamicError("a value");
            }
            default -> throw dynamicError("a value");
        }
    }

    private void expectDynamic(TokenKind kind, String what) {
        if (!accept(kind)) {
            throw dynamicError(what);
        }
    }

    private ParseFailure dynamicError(String what) {
        return fail(DiagnosticCode.INVALID_DYNAMIC, current().span(),
                "invalid dynamic literal: expected " + what + ", found " + describe(current()),
                "dynamic literals are JSON: dynamic([1, \"a\"]), dynamic({\"key\": \"value\"}), dynamic(null)");
    }

    // ---------------------------------------------------------------------------------------------
    // Names

    /** Any word can name a column or variable, and so can a quoted {@code ['name']}. */
    private Identifier parseAnyName(String what) {
        if (kind() == TokenKind.OPEN_BRACKET) {
            return parseBracketedName();
        }
        return expectName(what);
    }

    private Identifier parseBracketedName() {
        int start = expect(TokenKind.OPEN_BRACKET, "'['").start();
        Token name = current();
        if (name.kind() != TokenKind.STRING) {
            throw fail(DiagnosticCode.EXPECTED_NAME, name.span(),
                    "expected a quoted name such as ['my column'], found " + describe(name));
        }
        String value = parseStringLiteral().value();
        expect(TokenKind.CLOSE_BRACKET, "']' after the quoted name");
        return new Identifier(value, spanFrom(start));
    }

    private Identifier expectName(String what) {
        if (kind() == TokenKind.OPEN_BRACKET && peek(1).kind() == TokenKind.STRING) {
            return parseBracketedName();
        }
        return identifier(expectNameToken(what));
    }

    private Token expectNameToken(String what) {
        if (!isNameToken(current())) {
            throw fail(DiagnosticCode.EXPECTED_NAME, current().span(),
                    "expected " + what + ", found " + describe(current()));
        }
        return advance();
    }

    private Identifier identifier(Token token) {
        return new Identifier(text(token), token.span());
    }

    private static boolean isNameToken(Token token) {
        return token.kind() == TokenKind.IDENTIFIER;
    }

    // ---------------------------------------------------------------------------------------------
    // Token cursor

    private Token current() {
        return tokens.get(index);
    }

    private TokenKind kind() {
        return tokens.get(index).kind();
    }

    private Token peek(int offset) {
        int at = index + offset;
        return at < tokens.size() ? tokens.get(at) : tokens.get(tokens.size() - 1);
    }

    private Token advance() {
        Token token = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    private boolean accept(TokenKind kind) {
        if (kind() == kind) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(TokenKind kind, String what) {
        if (kind() != kind) {
            throw expected(what);
        }
        return advance();
    }

    private boolean atWord(String word) {
        Token token = current();
        return token.kind() == TokenKind.IDENTIFIER && text.regionMatches(token.start(), word, 0, word.length())
                && token.end() - token.start() == word.length();
    }

    private boolean peekWord(int offset, String word) {
        Token token = peek(offset);
        return token.kind() == TokenKind.IDENTIFIER && token.end() - token.start() == word.length()
                && text.regionMatches(token.start(), word, 0, word.length());
    }

    private boolean acceptWord(String word) {
        if (atWord(word)) {
            advance();
            return true;
        }
        return false;
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            Token token = current();
            String help = null;
            if (token.kind() == TokenKind.IDENTIFIER && Suggestions.closest(text(token), List.of(word)) != null) {
                help = "did you mean '" + word + "'?";
            }
            throw fail(DiagnosticCode.EXPECTED_TOKEN, token.span(),
                    "expected '" + word + "', found " + describe(token), help);
        }
    }

    /** True at a token that ends an operator's arguments: {@code |}, {@code ;}, a closing bracket, or the end. */
    private boolean atOperatorEnd() {
        return switch (kind()) {
            case PIPE, SEMICOLON, CLOSE_PAREN, CLOSE_BRACE, CLOSE_BRACKET, END_OF_INPUT -> true;
            default -> false;
        };
    }

    private String text(Token token) {
        return text.substring(token.start(), token.end());
    }

    private int previousEnd() {
        return index == 0 ? 0 : tokens.get(index - 1).end();
    }

    private Span spanFrom(int start) {
        int end = Math.max(start, previousEnd());
        return new Span(start, end);
    }

    private String describe(Token token) {
        return switch (token.kind()) {
            case IDENTIFIER, NEGATED_WORD, LONG, REAL, TIMESPAN -> "'" + shorten(text(token)) + "'";
            case STRING -> "the string " + shorten(text(token));
            case RAW_LITERAL -> "'" + shorten(text(token)) + "'";
            default -> token.kind().describe();
        };
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 37) + "..." : value;
    }

    // ---------------------------------------------------------------------------------------------
    // Errors and recovery

    private void enter() {
        if (++depth > MAX_DEPTH) {
            depth--;
            throw fail(DiagnosticCode.NESTING_TOO_DEEP, current().span(),
                    "the query nests deeper than " + MAX_DEPTH + " levels", "split it with let statements");
        }
    }

    private void leave() {
        depth--;
    }

    private ParseFailure expected(String what) {
        Token token = current();
        return fail(DiagnosticCode.EXPECTED_TOKEN, missingAt(token), "expected " + what + ", found " + describe(token));
    }

    /**
     * Where to point when something is missing before {@code found}: at {@code found} if it is on the same
     * line as the text before it, else just after that text, where the missing piece belongs.
     */
    private Span missingAt(Token found) {
        int previous = previousEnd();
        if (index > 0 && source.line(found.start()) > source.line(previous)) {
            return new Span(previous, previous);
        }
        return found.span();
    }

    private ParseFailure fail(DiagnosticCode code, Span span, String message) {
        return fail(code, span, message, null);
    }

    private ParseFailure fail(DiagnosticCode code, Span span, String message, String help) {
        report(code, span, message, help);
        return ParseFailure.INSTANCE;
    }

    /** True when a diagnostic (perhaps the lexer's) already points at this offset. */
    private boolean reportedAt(int offset) {
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.span().start() == offset) {
                return true;
            }
        }
        return false;
    }

    private void warn(DiagnosticCode code, Span span, String message, String help) {
        Diagnostic diagnostic = new Diagnostic(code.code(), dev.trawl.kql.diag.Severity.WARNING, span, message,
                List.of(), help);
        if (diagnostics.size() < MAX_DIAGNOSTICS) {
            diagnostics.add(diagnostic);
        }
    }

    private void report(DiagnosticCode code, Span span, String message, String help) {
        // An error at the same place as the previous one is an echo of it (e.g. every unclosed
        // parenthesis reporting the end of input); say it once.
        if (span.start() == lastErrorStart || reportedAt(span.start())) {
            return;
        }
        lastErrorStart = span.start();
        if (diagnostics.size() >= MAX_DIAGNOSTICS) {
            truncated = true;
            return;
        }
        Diagnostic diagnostic = Diagnostic.error(code, span, message);
        diagnostics.add(help == null ? diagnostic : diagnostic.withHelp(help));
    }

    /**
     * Skips to the next {@code |} or {@code ;} at this nesting level, stopping before a closing bracket
     * that belongs to an enclosing construct.
     */
    private void recoverToPipe() {
        skipTo(Set.of(TokenKind.PIPE, TokenKind.SEMICOLON), false);
    }

    private void skipTo(Set<TokenKind> stops, boolean consumeClosers) {
        int nesting = 0;
        while (kind() != TokenKind.END_OF_INPUT) {
            TokenKind kind = kind();
            if (nesting == 0 && stops.contains(kind)) {
                return;
            }
            switch (kind) {
                case OPEN_PAREN, OPEN_BRACKET, OPEN_BRACE -> nesting++;
                case CLOSE_PAREN, CLOSE_BRACKET, CLOSE_BRACE -> {
                    if (nesting == 0 && !consumeClosers) {
                        return;
                    }
                    nesting = Math.max(0, nesting - 1);
                }
                default -> {
                }
            }
            advance();
        }
    }

    boolean truncated() {
        return truncated;
    }
}
