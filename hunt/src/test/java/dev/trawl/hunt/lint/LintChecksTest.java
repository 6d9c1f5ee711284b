package dev.trawl.hunt.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.kql.diag.Diagnostic;
import dev.trawl.kql.diag.DiagnosticRenderer;
import dev.trawl.kql.diag.Severity;
import dev.trawl.kql.syntax.SourceText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each check on a small query that has the weakness and on the same query fixed: the first must warn at
 * the right text, the second must not, so a check that fires everywhere or nowhere fails here.
 */
class LintChecksTest {
    private static List<Diagnostic> lint(String query, List<String> entities) {
        return RuleLinter.lint(new SourceText("q.kql", query), entities);
    }

    private static List<Diagnostic> lint(String query) {
        return lint(query, List.of());
    }

    private static List<Diagnostic> withCode(List<Diagnostic> findings, String code) {
        return findings.stream().filter(d -> d.code().equals(code)).toList();
    }

    /** The one finding with {@code code}, checked to be a warning over exactly {@code text} of the query. */
    private static Diagnostic single(String query, List<Diagnostic> findings, String code, String text) {
        List<Diagnostic> matching = withCode(findings, code);
        assertEquals(1, matching.size(), () -> render(query, findings));
        Diagnostic finding = matching.get(0);
        assertEquals(Severity.WARNING, finding.severity());
        assertEquals(text, query.substring(finding.span().start(), finding.span().end()));
        assertTrue(finding.help() != null && !finding.help().isBlank(), "every lint warning says how to fix it");
        return finding;
    }

    private static String render(String query, List<Diagnostic> findings) {
        StringBuilder out = new StringBuilder();
        findings.forEach(d -> out.append(DiagnosticRenderer.render(new SourceText("q.kql", query), d)));
        return out.toString();
    }

    private static void none(String query, List<Diagnostic> findings, String code) {
        assertEquals(List.of(), withCode(findings, code), () -> render(query, findings));
    }

    // KQL5001 ---------------------------------------------------------------------------------------

    private static final String SERIES = """
            let step = 1h;
            let Hours = CloudAppEvents
            | make-series Total = count() on Timestamp from ago(7d) to now() step step
            | mv-expand Timestamp to typeof(datetime), Total to typeof(long);
            """;

    @Test
    void joiningASeriesAxisWithARawTimestampWarnsAtTheKey() {
        String query = SERIES + "Hours | join kind=inner (CloudAppEvents | project Timestamp, AccountId) on Timestamp";
        Diagnostic finding = single(query, lint(query), "KQL5001", "Timestamp");
        assertTrue(query.lastIndexOf("on Timestamp") + 3 == finding.span().start(), "the key in 'on ...'");
        assertTrue(finding.help().contains("bin(Timestamp, step)"), finding.help());
        assertTrue(finding.message().contains("step step = 1h"), finding.message());
    }

    @Test
    void theRawSideMayBeOnTheLeftAndTheKeysSpelledWithLeftAndRight() {
        String query = SERIES + "CloudAppEvents | join kind=inner (Hours | project Hour = Timestamp, Total) "
                + "on $left.Timestamp == $right.Hour";
        Diagnostic finding = single(query, lint(query), "KQL5001", "$left.Timestamp == $right.Hour");
        assertTrue(finding.help().contains("$left.TimestampBin == $right.Hour"), finding.help());
    }

    @Test
    void joiningOnABinnedTimestampDoesNotWarn() {
        String query = SERIES + "Hours | join kind=inner (CloudAppEvents | extend Timestamp = bin(Timestamp, step)) "
                + "on Timestamp";
        none(query, lint(query), "KQL5001");
    }

    @Test
    void anUnexpandedSeriesOrTwoRawSidesDoNotWarn() {
        String unexpanded = "CloudAppEvents | make-series c = count() on Timestamp step 1h "
                + "| join kind=inner (CloudAppEvents) on Timestamp";
        none(unexpanded, lint(unexpanded), "KQL5001");
        String raw = "CloudAppEvents | join kind=inner (CloudAppEvents) on Timestamp";
        none(raw, lint(raw), "KQL5001");
    }

    // KQL5002 ---------------------------------------------------------------------------------------

    @Test
    void anUnusedLetWarnsAtItsName() {
        String query = "let threshold = 50;\nlet window = 1d;\nCloudAppEvents | where Timestamp > ago(window)";
        Diagnostic finding = single(query, lint(query), "KQL5002", "threshold");
        assertEquals(4, finding.span().start());
    }

    @Test
    void aLetUsedLaterOrInAFunctionBodyDoesNotWarn() {
        String query = "let threshold = 50;\nlet f = (n:long) { n > threshold };\n"
                + "CloudAppEvents | summarize c = count() by AccountId | where f(c)";
        none(query, lint(query), "KQL5002");
    }

    @Test
    void aLetRedeclaredBeforeUseIsUnused() {
        String query = "let n = 1;\nlet n = 2;\nprint n";
        List<Diagnostic> findings = withCode(lint(query), "KQL5002");
        assertEquals(1, findings.size(), () -> render(query, findings));
        assertEquals(4, findings.get(0).span().start(), "the first n, which the second hides");
    }

    @Test
    void aTextOfDefinitionsOnlyIsALibraryNotARule() {
        String query = "let Mail = CloudAppEvents | where ActionType == 'MailItemsAccessed';";
        none(query, lint(query), "KQL5002");
    }

    // KQL5003 ---------------------------------------------------------------------------------------

    @Test
    void aSeriesThatDropsProjectedEntityColumnsWarnsAtMakeSeries() {
        String query = "CloudAppEvents\n| project Timestamp, RawEventData.MailboxOwnerUPN\n"
                + "| make-series Total = count() on Timestamp step 1h";
        Diagnostic finding = single(query, lint(query), "KQL5003", "make-series");
        assertTrue(finding.message().contains("RawEventData_MailboxOwnerUPN (RawEventData.MailboxOwnerUPN)"),
                finding.message());
        assertTrue(finding.help().startsWith("add 'by RawEventData_MailboxOwnerUPN'"), finding.help());
    }

    @Test
    void aSeriesByTheEntityOrCountingItDoesNotWarn() {
        String by = "CloudAppEvents\n| project Timestamp, AccountObjectId\n"
                + "| make-series Total = count() on Timestamp step 1h by AccountObjectId";
        none(by, lint(by), "KQL5003");
        String counted = "CloudAppEvents\n| project Timestamp, AccountObjectId\n"
                + "| make-series Users = dcount(AccountObjectId) on Timestamp step 1h";
        none(counted, lint(counted), "KQL5003");
        String noEntity = "CloudAppEvents\n| project Timestamp, ActionType\n| make-series Total = count() on Timestamp step 1h";
        none(noEntity, lint(noEntity), "KQL5003");
    }

    @Test
    void anEntityColumnRemovedBeforeTheSeriesIsNotCarriedIntoIt() {
        String query = "CloudAppEvents\n| extend UserId = AccountObjectId, Hour = bin(Timestamp, 1h)\n"
                + "| project-away User*\n| make-series Total = count() on Timestamp step 1h";
        none(query, lint(query), "KQL5003");
        String kept = query.replace("project-away User*", "project-away Hour");
        single(kept, lint(kept), "KQL5003", "make-series");
    }

    @Test
    void aRuleThatMapsEntitiesWantsPerEntitySeries() {
        String query = "CloudAppEvents | make-series Total = count() on Timestamp step 1h";
        Diagnostic finding = single(query, lint(query, List.of("AccountUpn")), "KQL5003", "make-series");
        assertTrue(finding.help().startsWith("add 'by AccountUpn'"), finding.help());
        none(query, lint(query), "KQL5003");
    }

    // Binding ---------------------------------------------------------------------------------------

    @Test
    void unknownColumnsOfTheBuiltInTablesAreReportedWithTheBindersCode() {
        String query = "CloudAppEvents | where ActionTyp == 'x'";
        List<Diagnostic> findings = lint(query);
        assertEquals(1, findings.size(), () -> render(query, findings));
        assertEquals("KQL2001", findings.get(0).code());
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertEquals("ActionTyp", query.substring(findings.get(0).span().start(), findings.get(0).span().end()));
        String fixed = "CloudAppEvents | where ActionType == 'x'";
        assertEquals(List.of(), lint(fixed));
    }

    @Test
    void aTableWithoutASchemaIsNotAnErrorButATypoOfAKnownOneIs() {
        String other = "SigninLogs | where UserPrincipalName == 'x'";
        assertEquals(List.of(), lint(other));
        String typo = "CloudAppEvent | take 1";
        List<Diagnostic> findings = lint(typo);
        assertEquals(1, findings.size(), () -> render(typo, findings));
        assertEquals("did you mean 'CloudAppEvents'?", findings.get(0).help());
    }

    // KQL5004 ---------------------------------------------------------------------------------------

    @Test
    void aDefaultJoinOfARawLeftSideWarnsAtJoin() {
        String query = "CloudAppEvents | project AccountObjectId, ActionType\n"
                + "| join (CloudAppEvents | summarize n = count() by AccountObjectId) on AccountObjectId";
        Diagnostic finding = single(query, lint(query), "KQL5004", "join");
        assertTrue(finding.help().contains("kind=inner"), finding.help());
        assertTrue(finding.message().startsWith("join without a kind is innerunique: Kusto keeps one left row per "
                + "AccountObjectId"), finding.message());
        String explicit = query.replace("| join (", "| join kind=innerunique (");
        assertTrue(single(explicit, lint(explicit), "KQL5004", "join").message().startsWith("join kind=innerunique:"));
    }

    @Test
    void anInnerJoinOrAUniqueLeftSideDoesNotWarn() {
        String inner = "CloudAppEvents | project AccountObjectId, ActionType\n"
                + "| join kind=inner (CloudAppEvents) on AccountObjectId";
        none(inner, lint(inner), "KQL5004");
        String summarized = "CloudAppEvents | summarize n = count() by AccountObjectId\n"
                + "| join (CloudAppEvents) on AccountObjectId";
        none(summarized, lint(summarized), "KQL5004");
        String distinct = "CloudAppEvents | distinct AccountObjectId | join (CloudAppEvents) on AccountObjectId";
        none(distinct, lint(distinct), "KQL5004");
        String onlyKeys = "CloudAppEvents | project AccountObjectId | join (CloudAppEvents) on AccountObjectId";
        none(onlyKeys, lint(onlyKeys), "KQL5004");
        String one = "CloudAppEvents | take 1 | join (CloudAppEvents) on AccountObjectId";
        none(one, lint(one), "KQL5004");
        String series = SERIES + "Hours | where Total > 10 | project Timestamp, Total\n"
                + "| join (CloudAppEvents | extend Timestamp = bin(Timestamp, 1h)) on Timestamp";
        none(series, lint(series), "KQL5004");
    }

    @Test
    void aSeriesByAnEntityIsUniqueOnlyOnAxisAndEntity() {
        String perEntity = "CloudAppEvents | make-series n = count() on Timestamp step 1h by AccountObjectId\n"
                + "| mv-expand Timestamp to typeof(datetime), n to typeof(long)\n"
                + "| join (CloudAppEvents) on Timestamp";
        single(perEntity, lint(perEntity), "KQL5004", "join");
        String both = perEntity.replace("on Timestamp", "on Timestamp, AccountObjectId");
        none(both, lint(both), "KQL5004");
    }

    @Test
    void aQueryWithASyntaxErrorGetsOnlyItsSyntaxErrors() {
        List<Diagnostic> findings = lint("let unused = 1;\nCloudAppEvents | where");
        assertTrue(!findings.isEmpty() && findings.stream().allMatch(d -> d.code().startsWith("KQL1")),
                findings.toString());
    }
}
