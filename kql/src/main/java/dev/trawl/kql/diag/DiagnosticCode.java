package dev.trawl.kql.diag;

/**
 * The stable diagnostic codes of the front end. Codes never change meaning once released: tools and
 * suppression lists match on them. {@code KQL1xxx} are syntax errors found by the lexer and parser,
 * {@code KQL2xxx} binding and type errors, {@code KQL3xxx} runtime errors, {@code KQL5xxx} lint warnings.
 */
public enum DiagnosticCode {
    UNEXPECTED_CHARACTER("KQL1001"),
    UNTERMINATED_STRING("KQL1002"),
    INVALID_ESCAPE("KQL1003"),
    INVALID_NUMBER("KQL1004"),
    INVALID_TIMESPAN("KQL1005"),
    INVALID_DATETIME("KQL1006"),
    INVALID_GUID("KQL1007"),
    INVALID_DYNAMIC("KQL1008"),
    UNTERMINATED_LITERAL("KQL1009"),
    EXPECTED_TOKEN("KQL1010"),
    EXPECTED_EXPRESSION("KQL1011"),
    UNKNOWN_OPERATOR("KQL1012"),
    EXPECTED_OPERATOR("KQL1013"),
    UNKNOWN_PARAMETER_VALUE("KQL1014"),
    NESTING_TOO_DEEP("KQL1015"),
    UNEXPECTED_TOKEN("KQL1016"),
    EMPTY_QUERY("KQL1017"),
    UNKNOWN_TYPE("KQL1018"),
    EXPECTED_NAME("KQL1019"),
    INVALID_CONTROL_COMMAND("KQL1020"),
    UNKNOWN_STRING_OPERATOR("KQL1021"),
    INVALID_UTF8("KQL1022"),
    /** A warning: {@code where A = B} names the predicate instead of comparing. */
    ASSIGNMENT_IN_FILTER("KQL1023"),
    /** Several queries in one text, separated by blank lines but not by {@code ;}. */
    QUERY_AFTER_QUERY("KQL1024"),

    // KQL2xxx: binding and types.
    UNKNOWN_NAME("KQL2001"),
    UNKNOWN_FUNCTION("KQL2002"),
    TYPE_MISMATCH("KQL2003"),
    WRONG_ARGUMENT_COUNT("KQL2004"),
    NOT_TABULAR("KQL2005"),
    NOT_SCALAR("KQL2006"),
    DUPLICATE_COLUMN("KQL2007"),
    INVALID_ARGUMENT("KQL2008"),
    /**
     * A warning: {@code ==} or {@code !=} between a string and a bool or number, which Kusto accepts but
     * which Trawl holds never equal (Kusto's rule is undocumented; see the binder).
     */
    UNLIKE_TYPES_COMPARED("KQL2009"),
    /** Parsed, valid KQL that the engine does not run yet; never silently approximated. */
    NOT_SUPPORTED("KQL2099"),

    // KQL3xxx: runtime.
    RUNTIME_LIMIT("KQL3001"),
    RUNTIME_ERROR("KQL3002"),

    // KQL5xxx: lint warnings. The query is valid and runs; these say it probably does not do what its
    // author meant. Found by the rule linter (trawl lint), never by check or query.
    /**
     * A join key that is the time axis of a make-series (bin starts, after mv-expand) on one side and a raw,
     * unbinned datetime column on the other: only events exactly at a bin start match.
     */
    JOIN_ON_UNBINNED_TIME("KQL5001"),
    /** A {@code let} whose name is never referenced after it is declared. */
    UNUSED_LET("KQL5002"),
    /**
     * A make-series without {@code by} in a query that carries entity columns (users, mailboxes, IP
     * addresses) into it, or in a rule that maps entities: one tenant-wide series, where per-entity series
     * were probably meant.
     */
    TENANT_WIDE_SERIES("KQL5003"),
    /**
     * A join of the default kind (innerunique, also when written explicitly) whose left side may hold
     * several rows with one key: Kusto keeps only one of them, silently dropping the others.
     */
    LEFT_SIDE_DEDUPLICATED("KQL5004");

    private final String code;

    DiagnosticCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
