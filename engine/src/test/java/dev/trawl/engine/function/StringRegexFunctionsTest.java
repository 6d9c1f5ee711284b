package dev.trawl.engine.function;

import static dev.trawl.engine.function.StringFunctionsTestSupport.eval;
import static dev.trawl.engine.function.StringFunctionsTestSupport.isNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.QueryException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The regular-expression functions and the RE2 translation. */
class StringRegexFunctionsTest {
    @Test
    void replaceRegexRewritesWithBackslashGroups() {
        assertEquals("Number was: 1", eval("replace_regex('Number is 1', @'is (\\d+)', @'was: \\1')"));
        assertEquals("[ab]", eval("replace_regex('ab', @'.+', @'[\\0]')"));
        assertEquals("$1 cost", eval("replace_regex('5 cost', @'(\\d)', @'$1')"));
        assertEquals("a\\b", eval("replace_regex('ab', @'a', @'a\\\\')"));
        assertEquals("-a-b-", eval("replace_regex('ab', @'x*', '-')"));
        assertEquals("x-y", eval("replace('x y', ' ', '-')"));
    }

    @Test
    void extractTakesAGroupOrTheWholeMatch() {
        assertEquals("James", eval("extract('User: ([^,]+)', 1, 'User: James, Email: James@example.com, Age: 29')"));
        assertEquals("", eval("extract(@'Email: (\\S+),', 1, 'User: David, Age: 35')"));
        assertEquals("29", eval("extract(@'\\d+', 0, 'User: James, Age: 29')"));
        assertEquals("", eval("extract(@'(a)|(b)', 2, 'a')"));
        assertEquals("", eval("extract(@'(a)', 3, 'a')"));
    }

    @Test
    void extractWithATypeConvertsTheMatch() {
        // extract-function.md: extract(@"-(\d{2})-", 1, "21-07-2023", typeof(int)) is 7.
        assertEquals("7", eval("extract(@'-(\\d{2})-', 1, '21-07-2023', typeof(int))"));
        assertEquals("int", StringFunctionsTestSupport.type("extract(@'-(\\d{2})-', 1, '21-07-2023', typeof(int))"));
        assertEquals("2024-01-02T00:00:00.0000000Z", eval("extract(@'at (\\S+)', 1, 'at 2024-01-02', typeof(datetime))"));
        assertTrue(isNull("extract(@'(\\w+)', 1, 'abc', typeof(long))"));
        assertTrue(isNull("extract(@'(x)', 1, 'abc', typeof(long))"));
    }

    @Test
    void extractAllGivesArraysPerMatchForSeveralGroups() {
        String id = "'82b8be2d-dfa7-4bd1-8f63-24ad26d31449'";
        assertEquals("[\"82\",\"b8\",\"be\",\"2d\",\"df\",\"a7\",\"4b\",\"d1\",\"8f\",\"63\",\"24\",\"ad\",\"26\",\"d3\","
                + "\"14\",\"49\"]", eval("extract_all(@'([\\da-f]{2})', " + id + ")"));
        String all = "[[\"8\",\"2b8be2\",\"d\"],[\"d\",\"fa\",\"7\"],[\"4\",\"bd\",\"1\"],[\"8\",\"f6\",\"3\"],"
                + "[\"2\",\"4ad26d3144\",\"9\"]]";
        assertEquals(all, eval("extract_all(@'(\\w)(\\w+)(\\w)', " + id + ")"));
        assertEquals("[[\"8\",\"d\"],[\"d\",\"7\"],[\"4\",\"1\"],[\"8\",\"3\"],[\"2\",\"9\"]]",
                eval("extract_all(@'(\\w)(\\w+)(\\w)', dynamic([1,3]), " + id + ")"));
        assertEquals(all, eval("extract_all(@'(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)', "
                + "dynamic(['first',2,'last']), " + id + ")"));
        assertEquals("[\"1\",\"22\"]", eval("extract_all(@'\\d+', 'a1b22')"));
        assertTrue(isNull("extract_all(@'(\\d)', 'abc')"));
    }

    @Test
    void trimRemovesRunsOfRegexMatches() {
        assertEquals("https://bing.com", eval("trim('--', '--https://bing.com--')"));
        assertEquals("Te st1", eval("trim(@'[^\\w]+', '-  Te st1// $')"));
        assertEquals("Hello, world!", eval("trim(@'\\s+', '    Hello, world!    ')"));
        assertEquals("bing.com", eval("trim_start('https://', 'https://bing.com')"));
        assertEquals("Te st1// $", eval("trim_start(@'[^\\w]+', '-  Te st1// $')"));
        assertEquals("Hello, world!    ", eval("trim_start(@'\\s+', '    Hello, world!    ')"));
        assertEquals("bing", eval("trim_end('.com', 'bing.com')"));
        assertEquals("-  Te st1", eval("trim_end(@'[^\\w]+', '-  Te st1// $')"));
        assertEquals("    Hello, world!", eval("trim_end(@'\\s+', '    Hello, world!    ')"));
        assertEquals("0", eval("trim('1', '10')"));
        assertEquals("", eval("trim('1', '11')"));
        assertEquals("2", eval("trim('1', '12')"));
    }

    @Test
    void regexQuoteEscapesMetacharacters() {
        assertEquals("\\(so\\$me\\.Te\\^xt\\)", eval("regex_quote('(so$me.Te^xt)')"));
        assertEquals("1", eval("countof('a.b', regex_quote('.'), 'regex')"));
    }

    @Test
    void re2SyntaxIsTranslated() {
        Re2.Compiled named = Re2.translate("(?P<first_name>\\w+) (?<last>\\w+)");
        assertEquals(java.util.Arrays.asList(null, "first_name", "last"), named.groupNames());
        assertEquals("ab", eval("extract(@'([[:alpha:]]+)', 1, '12ab34')"));
        assertEquals("12", eval("extract(@'([[:^alpha:]]+)', 1, '12ab34')"));
        assertEquals("[x", eval("extract(@'([[x]+)', 1, '[x')"));
        assertEquals("a&", eval("extract(@'([a&&]+)', 1, 'a&')"));
        // Without the m flag, $ is the end of the text only; with it, the end of a line.
        assertEquals("-1", eval("indexof_regex('a\\n', @'a$')"));
        assertEquals("0", eval("indexof_regex('a\\n', @'(?m)a$')"));
        // . stops only at \n.
        assertEquals("a\rb", eval("extract(@'a.b', 0, 'a\\rb')"));
        assertEquals("αβ", eval("extract(@'(\\p{Greek}+)', 1, 'xαβ')"));
        // RE2's ungreedy flag has no Java counterpart: each quantifier is written as the flag makes it, for the
        // rest of the group that sets it, or inside (?U:...); a lazy marker under it makes a quantifier greedy.
        assertEquals("a", eval("extract(@'(?U)a+', 0, 'aa')"));
        assertEquals("aa", eval("extract(@'(?U)a+?', 0, 'aa')"));
        assertEquals("a", eval("extract(@'(?Ui)A+', 0, 'aa')"));
        assertEquals("aaaa", eval("extract(@'a{2,}', 0, 'aaaa')"));
        assertEquals("aa", eval("extract(@'(?U)a{2,}', 0, 'aaaa')"));
        assertEquals("ab|aab", eval("strcat(extract(@'((?U:a+)b)', 1, 'ab'), '|', extract(@'(?U:x?)(a+b)', 1, 'aab'))"));
        assertEquals("a", eval("extract(@'(?i)(b)?(?U)(a+)', 2, 'aa')"));
        assertEquals("aa", eval("extract(@'((?U)a+)(a*)', 0, 'aa')"));
        assertEquals("a", eval("extract(@'((?U)a+)(a*)', 1, 'aa')"));
        // A brace that starts no repetition is a literal, as in RE2.
        assertEquals("a{b", eval("extract(@'a{b', 0, 'xa{b')"));
        assertEquals("AB", eval("extract(@'(?i:ab)', 0, 'xABx')"));
        assertEquals("b", eval("extract(@'(?<=a)b', 0, 'ab')"));
        List<String> unnamed = Re2.translate("(a)(?:b)(c)").groupNames();
        assertEquals(3, unnamed.size());
    }

    @Test
    void anInvalidRegexIsAQueryError() {
        assertThrows(QueryException.class, () -> eval("extract('(', 0, 'a')"));
    }
}
