package dev.trawl.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.function.FunctionRegistry;
import dev.trawl.kql.bind.Binder;
import dev.trawl.kql.bind.BuiltinTables;
import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * == and != between a string and a bool or a number ({@code IsAdminOperation == "true"}, {@code RoleAdded
 * == 2} in real rules): Kusto accepts them and does not document the result; Trawl's rule is that such
 * values are never equal, with a warning where it applies (see OperatorFunctions.equalityComparison).
 */
class UnlikeTypesComparedTest {
    private final Engine engine = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    private List<String> rows(String query) {
        return TestTables.rows(engine.run(query));
    }

    @Test
    void aStringIsNeverEqualToABoolOrANumber() {
        String table = "datatable(b:bool, s:string, n:long) [true, '2', 2, false, 'true', 1, bool(null), 'false', 0]";
        assertEquals(List.of("b:bool|s:string|n:long"), rows(table + " | where b == 'true' or s == 2 or n == '1'"));
        assertEquals(4, rows(table + " | where b != 'true' and s != 2 and '1' != n").size(), "header and all three");
        // The like-typed comparisons these rules mean do match.
        assertEquals(List.of("b:bool|s:string|n:long", "true|2|2"), rows(table + " | where b == true and s == '2'"));
        assertEquals(List.of("e:bool|d:bool", "false|true"), rows("print e = true == 'true', d = 2 <> '2'"));
    }

    @Test
    void bindingWarnsThatTheComparisonIsConstant() {
        Binder.Result bound = new Binder(FunctionRegistry.standard(), BuiltinTables.instance()).bind(Parser.parse(
                SourceText.of("CloudAppEvents | where IsAdminOperation == \"true\" | where ActionType != 2")).script());
        assertTrue(bound.ok(), "a warning, not an error");
        assertEquals(2, bound.diagnostics().size());
        Diagnostic bool = bound.diagnostics().get(0);
        assertEquals("KQL2009", bool.code());
        assertEquals(Severity.WARNING, bool.severity());
        assertEquals("'==' between a bool and a string: Kusto accepts it, but Trawl holds values of unlike types "
                + "never equal, so this is always false", bool.message());
        assertEquals("compare values of one type: tostring() the bool, tobool() the string, or write the literal "
                + "as a bool", bool.help());
        assertTrue(bound.diagnostics().get(1).message().endsWith("so this is always true"));
        assertEquals("compare values of one type: tostring() the long, tolong() the string, or write the literal "
                + "as a long", bound.diagnostics().get(1).help());
    }

    @Test
    void aFunctionBodyBoundAtEachCallWarnsOnce() {
        Binder.Result bound = new Binder(FunctionRegistry.standard(), BuiltinTables.instance()).bind(Parser.parse(
                SourceText.of("let admin = (x:bool) { x == 'true' };\n"
                        + "CloudAppEvents | where admin(IsAdminOperation) or admin(IsExternalUser)")).script());
        assertEquals(List.of("KQL2009"), bound.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void orderingAStringAgainstANumberStaysAnError() {
        // Kusto rejects these ("Cannot compare values of types string and long"), and so does Trawl.
        QueryException ordered = assertThrows(QueryException.class, () -> engine.run("print '2' < 3"));
        assertEquals("KQL2003", ordered.diagnostics().get(0).code());
        QueryException datetime = assertThrows(QueryException.class, () -> engine.run("print now() == 'x'"));
        assertEquals("KQL2003", datetime.diagnostics().get(0).code(), "only bool and numbers meet strings in ==");
    }
}
