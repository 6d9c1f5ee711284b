package dev.trawl.engine.function;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryResult;
import java.time.Instant;

/** Runs one-expression queries through the whole engine and gives their single cell as Kusto writes it. */
final class StringFunctionsTestSupport {
    private static final Engine ENGINE = new Engine(Instant.parse("2024-01-31T12:00:00Z"));

    private StringFunctionsTestSupport() {
    }

    /** The text of {@code print r = expression} ("" for a null cell, so a null and an empty string look alike). */
    static String eval(String expression) {
        QueryResult result = ENGINE.run("print r = " + expression);
        String text = result.text(0, 0);
        return text == null ? "" : text;
    }

    /** Whether {@code print r = expression} gives a null cell. */
    static boolean isNull(String expression) {
        return ENGINE.run("print r = " + expression).value(0, 0) == null;
    }

    /** The KQL type name of the expression's result column. */
    static String type(String expression) {
        return ENGINE.run("print r = " + expression).columns().get(0).type().kqlName();
    }
}
