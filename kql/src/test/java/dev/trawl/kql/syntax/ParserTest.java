package dev.trawl.kql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.ast.BinaryOperator;
import dev.trawl.kql.syntax.ast.Expression;
import dev.trawl.kql.syntax.ast.ListOperator;
import dev.trawl.kql.syntax.ast.LiteralKind;
import dev.trawl.kql.syntax.ast.Parts;
import dev.trawl.kql.syntax.ast.Statement;
import dev.trawl.kql.syntax.ast.TabularOperator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The shapes the parser gives KQL's constructs: precedence, operators, literals, statements. */
class ParserTest {

    private static ParseResult ok(String query) {
        ParseResult result = Parser.parse(query);
        assertTrue(result.ok(), () -> query + "\n" + result.diagnostics());
        return result;
    }

    private static Expression expression(String scalar) {
        Statement.Query query = (Statement.Query) ok("print " + scalar).script().statements().get(0);
        TabularOperator.Print print = (TabularOperator.Print) ((Expression.Source) query.expression()).operator();
        return print.columns().get(0).value();
    }

    private static TabularOperator lastOperator(String query) {
        List<Statement> statements = ok(query).script().statements();
        Statement.Query last = (Statement.Query) statements.get(statements.size() - 1);
        return ((Expression.Pipe) last.expression()).operator();
    }

    @Test
    void andBindsTighterThanOrAndComparisonTighterThanAnd() {
        Expression.Binary or = (Expression.Binary) expression("a == 1 or b has 'x' and c < 2 + 3 * 4");
        assertEquals(BinaryOperator.OR, or.operator());
        Expression.Binary and = (Expression.Binary) or.right();
        assertEquals(BinaryOperator.AND, and.operator());
        assertEquals(BinaryOperator.HAS, ((Expression.Binary) and.left()).operator());
        Expression.Binary less = (Expression.Binary) and.right();
        assertEquals(BinaryOperator.LESS, less.operator());
        Expression.Binary plus = (Expression.Binary) less.right();
        assertEquals(BinaryOperator.ADD, plus.operator());
        assertEquals(BinaryOperator.MULTIPLY, ((Expression.Binary) plus.right()).operator());
    }

    @Test
    void arithmeticIsLeftAssociative() {
        Expression.Binary outer = (Expression.Binary) expression("10 - 4 - 3");
        assertEquals("10 - 4", KqlPrinter.print(outer.left()));
        assertEquals("3", KqlPrinter.print(outer.right()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has", "!has", "has_cs", "!has_cs", "hasprefix", "!hasprefix", "hasprefix_cs",
            "!hasprefix_cs", "hassuffix", "!hassuffix", "hassuffix_cs", "!hassuffix_cs", "contains", "!contains",
            "contains_cs", "!contains_cs", "startswith", "!startswith", "startswith_cs", "!startswith_cs", "endswith",
            "!endswith", "endswith_cs", "!endswith_cs", "==", "!=", "=~", "!~", "matches regex"})
    void everyStringOperator(String operator) {
        Expression.Binary binary = (Expression.Binary) expression("Name " + operator + " 'x'");
        assertEquals(operator, binary.operator().text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"in", "!in", "in~", "!in~", "has_any", "has_all"})
    void everySetOperator(String operator) {
        Expression.InList in = (Expression.InList) expression("Name " + operator + " ('a', 'b', 'c')");
        assertEquals(ListOperator.word(operator), in.operator());
        assertEquals(3, in.values().size());
    }

    @Test
    void inTakesATabularSubquery() {
        Expression.InList in = (Expression.InList) expression("x in (T | where y > 1 | project x)");
        assertInstanceOf(Expression.Pipe.class, in.values().get(0));
    }

    @Test
    void betweenAndItsNegation() {
        Expression.Between between = (Expression.Between) expression("Timestamp between (ago(2d) .. now())");
        assertFalse(between.negated());
        assertTrue(((Expression.Between) expression("x !between(1..10)")).negated());
    }

    @Test
    void memberIndexAndNegativeIndex() {
        Expression.Index index = (Expression.Index) expression("parse_json(d).a.b['c'][-1]");
        assertEquals(Expression.Unary.class, index.index().getClass());
        Expression.Index quoted = (Expression.Index) index.target();
        assertEquals("c", ((Expression.StringLiteral) quoted.index()).value());
        Expression.Member b = (Expression.Member) quoted.target();
        assertEquals("b", b.member().name());
        assertEquals("x[0]", KqlPrinter.print(expression("x.[0]")));
    }

    @Test
    void namedArguments() {
        Expression.Call call = (Expression.Call) expression("series_decompose_anomalies(y, Threshold = 2.5)");
        assertInstanceOf(Expression.NamedArgument.class, call.arguments().get(1));
        assertEquals("Threshold", ((Expression.NamedArgument) call.arguments().get(1)).name().name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "'abc'|abc", "\"a\\\"b\"|a\"b", "'it\\'s'|it's", "@'C:\\temp'|C:\\temp", "@\"say \"\"hi\"\"\"|say \"hi\"",
            "h'secret'|secret", "H@'x\\y'|x\\y", "'a' \"b\" @'c'|abc", "'tab\\there'|tab\there", "'\\u0041'|A"})
    void stringLiterals(String literal, String value) {
        assertEquals(value, ((Expression.StringLiteral) expression(literal)).value());
    }

    @Test
    void multiLineStringKeepsLineBreaksAndBackslashes() {
        Expression.StringLiteral literal = (Expression.StringLiteral) expression("```line 1\nline \\2```");
        assertEquals("line 1\nline \\2", literal.value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1h|36000000000", "1.5d|1296000000000", "10ms|100000", "30m|18000000000",
            "2min|1200000000", "1tick|1", "10microsecond|100", "time(1.02:03:04.5)|937845000000",
            "timespan(2d)|1728000000000", "time(15 seconds)|150000000", "time(2)|1728000000000",
            "-1d|-864000000000"})
    void timespanLiterals(String literal, long ticks) {
        Expression expression = expression(literal);
        if (expression instanceof Expression.Unary unary) {
            expression = unary.operand();
            ticks = -ticks;
        }
        Expression.Literal value = (Expression.Literal) expression;
        assertEquals(LiteralKind.TIMESPAN, value.kind());
        assertEquals(ticks, LiteralValues.timespanTicks(value.text()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "2017-01-01|2017-01-01T00:00:00Z", "2017-01-01 10:20|2017-01-01T10:20:00Z",
            "2014-05-25T08:20:03.123456Z|2014-05-25T08:20:03.123456Z", "2015-12-31 23:59:59.9|2015-12-31T23:59:59.9Z",
            "Sat, 8 Nov 14 15:05:02 GMT|2014-11-08T15:05:02Z", "Saturday, 08-Nov-14 15:05:02 GMT|2014-11-08T15:05:02Z",
            "8 Nov 14 15:05|2014-11-08T15:05:00Z", "2014-11-08T15:05:02+01:00|2014-11-08T14:05:02Z",
            "2025, 6, 17|2025-06-17T00:00:00Z", "01/16/2022 00:00:00|2022-01-16T00:00:00Z",
            "'12-02-2022'|2022-12-02T00:00:00Z", "\"2015-01-01\"|2015-01-01T00:00:00Z", "5:00:00 PM|0001-01-01T17:00:00Z"})
    void datetimeSpellings(String content, String iso) {
        java.time.Instant instant = java.time.Instant.parse(iso);
        long expected = (instant.getEpochSecond() + LiteralValues.EPOCH_OFFSET_SECONDS) * LiteralValues.TICKS_PER_SECOND
                + instant.getNano() / 100;
        assertEquals(expected, LiteralValues.datetimeTicks(content));
        Expression.Literal literal = (Expression.Literal) expression("datetime(" + content + ")");
        assertEquals(LiteralKind.DATETIME, literal.kind());
    }

    @Test
    void typedLiterals() {
        assertEquals(LiteralKind.TYPED_NULL, ((Expression.Literal) expression("long(null)")).kind());
        assertEquals(LiteralKind.REAL, ((Expression.Literal) expression("real(-inf)")).kind());
        assertEquals(LiteralKind.INT, ((Expression.Literal) expression("int(-5)")).kind());
        assertEquals(LiteralKind.GUID,
                ((Expression.Literal) expression("guid(74be27de-1e4e-49d9-b579-fe0b331d3642)")).kind());
        assertEquals(LiteralKind.TYPED_NULL, ((Expression.Literal) expression("datetime(null)")).kind());
        assertEquals(LiteralKind.BOOL, ((Expression.Literal) expression("true")).kind());
        // Not a literal: a call of a user function that happens to be named like a type.
        assertInstanceOf(Expression.Call.class, expression("long(x)"));
    }

    @Test
    void dynamicLiterals() {
        Expression.DynamicLiteral literal = (Expression.DynamicLiteral) expression(
                "dynamic({\"a\": [1, -2.5, \"x\", null, true, datetime(2024-01-01), 1h], 'b': {}})");
        Parts.DynamicObject object = (Parts.DynamicObject) literal.value();
        assertEquals(List.of("a", "b"), object.properties().stream().map(Parts.DynamicProperty::key).toList());
        assertEquals(7, ((Parts.DynamicArray) object.properties().get(0).value()).elements().size());
        assertInstanceOf(Parts.DynamicNull.class, ((Expression.DynamicLiteral) expression("dynamic(null)")).value());
    }

    @Test
    void tupleExtendOfTheSeed() {
        TabularOperator.Extend extend = (TabularOperator.Extend) lastOperator(
                "T | extend (anomalies, score, baseline) = series_decompose_anomalies(Total, 1.5, -1, 'linefit')");
        Parts.NamedExpression named = extend.columns().get(0);
        assertTrue(named.tuple());
        assertEquals(List.of("anomalies", "score", "baseline"),
                named.names().stream().map(id -> id.name()).toList());
    }

    @Test
    void makeSeriesBothForms() {
        TabularOperator.MakeSeries fromTo = (TabularOperator.MakeSeries) lastOperator(
                "T | make-series kind=nonempty Total=count() default=0, avg(x) on Timestamp from ago(14d) to now() "
                        + "step 1h by Account");
        assertFalse(fromTo.inRange());
        assertEquals(2, fromTo.aggregates().size());
        assertEquals("0", KqlPrinter.print(fromTo.aggregates().get(0).defaultValue()));
        assertEquals(1, fromTo.by().size());
        TabularOperator.MakeSeries range = (TabularOperator.MakeSeries) lastOperator(
                "T | make-series sum(x) on t in range(datetime(2024-01-01), datetime(2024-01-10), 1d)");
        assertTrue(range.inRange());
        assertEquals("1d", KqlPrinter.print(range.step()));
        TabularOperator.MakeSeries open = (TabularOperator.MakeSeries) lastOperator("T | make-series count() on t step 1h");
        assertEquals(null, open.from());
    }

    @Test
    void mvExpandWithTypesAndLimit() {
        TabularOperator.MvExpand expand = (TabularOperator.MvExpand) lastOperator(
                "T | mv-expand with_itemindex=i kind=array Total to typeof(double), b, c = d to typeof(long) limit 10");
        assertEquals(3, expand.items().size());
        assertEquals("double", ((Parts.ScalarType) expand.items().get(0).toType()).name().name());
        assertEquals(null, expand.items().get(1).toType());
        assertEquals(2, expand.parameters().size());
        assertEquals("10", KqlPrinter.print(expand.limit()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"innerunique", "inner", "leftouter", "rightouter", "fullouter", "leftsemi", "rightsemi",
            "leftanti", "rightanti", "anti", "leftantisemi", "rightantisemi"})
    void everyJoinKind(String kind) {
        TabularOperator.Join join = (TabularOperator.Join) lastOperator(
                "L | join kind=" + kind + " hint.strategy=broadcast (R | where x > 1) on $left.a == $right.b, c");
        assertEquals(kind, KqlPrinter.print(join.parameters().get(0).value()));
        assertEquals("hint.strategy", join.parameters().get(1).name().name());
        assertEquals(2, join.on().size());
        Expression.Binary condition = (Expression.Binary) join.on().get(0);
        assertEquals("$left", ((Expression.Name) ((Expression.Member) condition.left()).target()).identifier().name());
    }

    @Test
    void contextualSubqueries() {
        TabularOperator.MvApply apply = (TabularOperator.MvApply) lastOperator(
                "T | mv-apply x to typeof(long) on (top 1 by x | project x)");
        assertInstanceOf(Expression.ContextTable.class,
                ((Expression.Pipe) ((Expression.Pipe) apply.subquery()).source()).source());
        assertInstanceOf(TabularOperator.Fork.class, lastOperator("T | fork (where a > 1) (summarize count())"));
        assertInstanceOf(TabularOperator.Partition.class, lastOperator("T | partition by k (top 3 by v)"));
    }

    @Test
    void statements() {
        List<Statement> statements = ok("""
                declare query_parameters (start:datetime = datetime(2024-01-01), n:long = 10);
                set query_now = datetime(2024-01-02);
                alias database db = cluster('c').database('d');
                let f = (t:(*), k:string = "x") { t | where Name == k };
                let v = view () { T };
                let ['odd name'] = 1;
                f(T, 'y') | count;
                """).script().statements();
        assertEquals(7, statements.size());
        assertInstanceOf(Statement.DeclareQueryParameters.class, statements.get(0));
        assertInstanceOf(Statement.Set.class, statements.get(1));
        assertInstanceOf(Statement.Alias.class, statements.get(2));
        Expression.FunctionLiteral f = (Expression.FunctionLiteral) ((Statement.Let) statements.get(3)).value();
        assertTrue(((Parts.TabularSchema) f.parameters().get(0).type()).open());
        assertEquals("\"x\"", KqlPrinter.print(f.parameters().get(1).defaultValue()));
        assertTrue(((Expression.FunctionLiteral) ((Statement.Let) statements.get(4)).value()).view());
        assertEquals("odd name", ((Statement.Let) statements.get(5)).name().name());
    }

    @Test
    void whereWithASingleEqualsIsAWarningNotAComparison() {
        ParseResult result = Parser.parse("Usage | where IsBillable = true");
        assertTrue(result.ok());
        Diagnostic warning = result.diagnostics().get(0);
        assertEquals(Severity.WARNING, warning.severity());
        assertEquals("KQL1023", warning.code());
        TabularOperator.Where where = (TabularOperator.Where) ((Expression.Pipe) ((Statement.Query) result.script()
                .statements().get(0)).expression()).operator();
        assertEquals("IsBillable", where.predicate().names().get(0).name());
    }

    @Test
    void recoveryReportsEveryBrokenOperator() {
        ParseResult result = Parser.parse("T\n| wher x > 1\n| extend y = \n| sumarize count()\n| take 5");
        assertEquals(List.of("KQL1012", "KQL1011", "KQL1012"), result.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(List.of(2, 3, 4), result.diagnostics().stream()
                .map(d -> result.source().line(d.span().start())).toList());
        // The good operator after the broken ones is still in the tree.
        assertInstanceOf(TabularOperator.Take.class,
                ((Expression.Pipe) ((Statement.Query) result.script().statements().get(0)).expression()).operator());
    }

    @Test
    void commentsAreIgnoredAndSpansPointIntoTheText() {
        String query = "// header\nT // trailing\n| where x == 'a//b' // more";
        ParseResult result = ok(query);
        Statement.Query statement = (Statement.Query) result.script().statements().get(0);
        TabularOperator.Where where = (TabularOperator.Where) ((Expression.Pipe) statement.expression()).operator();
        assertEquals("a//b", ((Expression.StringLiteral) ((Expression.Binary) where.predicate().value()).right()).value());
        assertEquals("where x == 'a//b'", result.source().slice(where.span()));
    }

    @Test
    void searchTakesColumnRestrictedTermsOnlyInItsPredicate() {
        TabularOperator.Search search = (TabularOperator.Search) lastOperator(
                "T | search FirstName:\"Aaron\" or LastName : 'Hughes' and * has 'x'");
        Expression.Binary or = (Expression.Binary) search.predicate();
        Expression.Binary first = (Expression.Binary) or.left();
        assertEquals(BinaryOperator.SEARCH_COLUMN, first.operator());
        assertEquals("FirstName", ((Expression.Name) first.left()).identifier().name());
        assertEquals("Aaron", ((Expression.StringLiteral) first.right()).value());
        Expression.Binary and = (Expression.Binary) or.right();
        assertEquals(BinaryOperator.SEARCH_COLUMN, ((Expression.Binary) and.left()).operator());
        assertInstanceOf(Expression.Star.class, ((Expression.Binary) and.right()).left());
        assertEquals(null, RoundTripCheck.failure(ok("search kind=default in (T1, A*) Col:'x'").script()));
        assertFalse(Parser.parse("T | where Col:'x'").ok(), "Column:term belongs to search alone");
    }
}
