package dev.trawl.engine.function;

import static dev.trawl.engine.function.StringFunctionsTestSupport.eval;
import static dev.trawl.engine.function.StringFunctionsTestSupport.isNull;
import static dev.trawl.engine.function.StringFunctionsTestSupport.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Concatenation, positions, splitting and replacement, against the documented examples. */
class StringTextFunctionsTest {
    @Test
    void strcatDelimAndStrcatArray() {
        assertEquals("1-2-A-00:00:01", eval("strcat_delim('-', 1, '2', 'A', 1s)"));
        assertEquals("1->2->3", eval("strcat_array(dynamic([1, 2, 3]), '->')"));
        assertEquals("1\"2\"3", eval("strcat_array(dynamic([1, 2, 3]), '\"')"));
        assertEquals("a,{\"b\":1}", eval("strcat_array(dynamic(['a', {'b': 1}]), ',')"));
        assertEquals("", eval("strcat_array(dynamic(null), ',')"));
    }

    @Test
    void substringCountsCodePointsAndClamps() {
        assertEquals("23456", eval("substring('123456', 1)"));
        assertEquals("34", eval("substring('123456', 2, 2)"));
        assertEquals("AB", eval("substring('ABCD', 0, 2)"));
        assertEquals("56", eval("substring('123456', -2, 2)"));
        assertEquals("123", eval("substring('123', -10, 100)"));
        assertEquals("", eval("substring('123', 5)"));
        assertEquals("", eval("substring('123', 1, -1)"));
        assertEquals("\uD83D\uDE00b", eval("substring('a\uD83D\uDE00b', 1)"));
        assertEquals("", eval("substring('abc', int(null))"));
    }

    @Test
    void indexofWithStartLengthAndOccurrence() {
        assertEquals("2", eval("indexof('abcdefg', 'cde')"));
        assertEquals("2", eval("indexof('abcdefg', 'cde', 1, 4)"));
        assertEquals("-1", eval("indexof('abcdefg', 'cde', 1, 2)"));
        assertEquals("-1", eval("indexof('abcdefg', 'cde', 3, 4)"));
        assertEquals("2", eval("indexof('abcdefg', 'cde', -5)"));
        assertEquals("4", eval("indexof(1234567, 5, 1, 4)"));
        assertEquals("2", eval("indexof('abcdefg', 'cde', 2, -1)"));
        assertEquals("9", eval("indexof('abcdefgabcdefg', 'cde', 1, 10, 2)"));
        assertEquals("-1", eval("indexof('abcdefgabcdefg', 'cde', 1, -1, 3)"));
        assertTrue(isNull("indexof('abc', 'b', 0, -2)"));
        assertTrue(isNull("indexof('abc', 'b', 0, -1, 0)"));
        assertEquals("long", type("indexof('abc', 'b')"));
    }

    @Test
    void indexofRegex() {
        assertEquals("0", eval("indexof_regex('abcabc', @'a.c')"));
        assertEquals("3", eval("indexof_regex('abcabcdefg', @'a.c', 0, 9, 2)"));
        assertEquals("-1", eval("indexof_regex('abcabc', @'a.c', 1, -1, 2)"));
        assertEquals("-1", eval("indexof_regex('ababaa', @'a.a', 0, -1, 2)"));
        assertTrue(isNull("indexof_regex('abcabc', @'a|ab', -1)"));
    }

    @Test
    void splitWithAndWithoutIndex() {
        assertEquals("[\"aa\",\"bb\"]", eval("split('aa_bb', '_')"));
        assertEquals("[\"bbb\"]", eval("split('aaa_bbb_ccc', '_', 1)"));
        assertEquals("[\"\"]", eval("split('', '_')"));
        assertEquals("[\"a\",\"\",\"b\"]", eval("split('a__b', '_')"));
        assertEquals("[\"aa\",\"cc\"]", eval("split('aabbcc', 'bb')"));
        assertEquals("[]", eval("split('a_b', '_', 5)"));
        assertEquals("dynamic", type("split('a_b', '_')"));
    }

    @Test
    void strrepReverseStrcmp() {
        assertEquals("ABCABC", eval("strrep('ABC', 2)"));
        assertEquals("123.123.123", eval("strrep(123, 3, '.')"));
        assertEquals("00:00:03 00:00:03", eval("strrep(3s, 2, ' ')"));
        assertEquals("", eval("strrep('a', 0)"));
        assertEquals(1024, eval("strrep('a', 5000)").length());
        assertEquals("ZYXWVUTSRQPONMLKJIHGFEDCBA", eval("reverse('ABCDEFGHIJKLMNOPQRSTUVWXYZ')"));
        assertEquals("54321", eval("reverse(12345)"));
        assertEquals("54.321", eval("reverse(123.45)"));
        assertEquals("Z0000000.00:00:21T51-01-7102", eval("reverse(datetime(2017-10-15 12:00))"));
        assertEquals("00:00:30", eval("reverse(3h)"));
        assertEquals("0", eval("strcmp('ABC', 'ABC')"));
        assertEquals("1", eval("strcmp('abc', 'ABC')"));
        assertEquals("-1", eval("strcmp('ABC', 'abc')"));
        assertEquals("1", eval("strcmp('abcde', 'abc')"));
    }

    @Test
    void countofNormalOverlapsRegexDoesNot() {
        assertEquals("3", eval("countof('aaa', 'a')"));
        assertEquals("3", eval("countof('aaaa', 'aa')"));
        assertEquals("2", eval("countof('ababa', 'ab', 'normal')"));
        assertEquals("2", eval("countof('ababa', 'aba')"));
        assertEquals("1", eval("countof('ababa', 'aba', 'regex')"));
        assertEquals("2", eval("countof('abcabc', 'a.c', 'regex')"));
        assertEquals("6", eval("countof('abcdefedcba', '[abc]', 'regex')"));
        assertEquals("0", eval("countof('abc', '')"));
    }

    @Test
    void hasAnyIndex() {
        assertEquals("0", eval("has_any_index('this is an example', dynamic(['this', 'example']))"));
        assertEquals("1", eval("has_any_index('this is an example', dynamic(['not', 'example']))"));
        assertEquals("-1", eval("has_any_index('this is an example', dynamic(['not', 'found']))"));
        assertEquals("1", eval("has_any_index('Example number 2', dynamic([1, 2, 3]))"));
        assertEquals("-1", eval("has_any_index('this is an example', dynamic([]))"));
    }

    @Test
    void replaceStringAndStrings() {
        assertEquals("A magic trick can turn a hamster into a dog",
                eval("replace_string('A magic trick can turn a cat into a dog', 'cat', 'hamster')"));
        assertEquals("Number was 1", eval("replace_string('Number is 1', 'is', 'was')"));
        assertEquals("abc", eval("replace_string('abc', '', 'x')"));
        assertEquals("A magic trick can turn a dog into a pigeon", eval("replace_strings('A magic trick can turn a cat "
                + "into a dog', dynamic(['cat', 'dog']), dynamic(['dog', 'pigeon']))"));
        assertEquals("A magic trick can disappear a cat", eval("replace_strings('A magic trick can turn a cat into a "
                + "dog', dynamic(['turn', ' into a dog']), dynamic(['disappear', '']))"));
        String message = "'This is an example of using replace_strings()'";
        assertEquals("This was an example of using replace_strings()",
                eval("replace_strings(" + message + ", dynamic(['This', 'is']), dynamic(['This', 'was']))"));
        assertEquals("Thwas was an example of using replace_strings()",
                eval("replace_strings(" + message + ", dynamic(['is', 'This']), dynamic(['was', 'This']))"));
        assertEquals("This was an example of using replace_strings()",
                eval("replace_strings(" + message + ", dynamic(['This', 'is']), dynamic([12345, 'was']))"));
    }

    @Test
    void translateMapsCharacters() {
        assertEquals("xxx", eval("translate('abc', 'x', 'abc')"));
        assertEquals("", eval("translate('abc', '', 'ab')"));
        assertEquals("kusto", eval("translate('krasp', 'otsku', 'spark')"));
    }

    @Test
    void sizesAndCharacterTests() {
        assertEquals("5", eval("string_size('hello')"));
        assertEquals("15", eval("string_size('⒦⒰⒮⒯⒪')"));
        assertEquals("true", eval("isascii('some string')"));
        assertEquals("false", eval("isascii('⒦')"));
        assertEquals("true", eval("isutf8('⒦⒰⒮⒯⒪')"));
    }

    @Test
    void tohexIsTwosComplementAtTheValuesWidth() {
        assertEquals("100", eval("tohex(256)"));
        assertEquals("ffffffffffffff00", eval("tohex(-256)"));
        assertEquals("ffffff00", eval("tohex(toint(-256), 8)"));
        assertEquals("00000100", eval("tohex(256, 8)"));
        assertEquals("100", eval("tohex(256, 2)"));
    }

    @Test
    void unicodeCodepoints() {
        assertEquals("[9382,9392,9390,9391,9386]", eval("unicode_codepoints_from_string('⒦⒰⒮⒯⒪')"));
        assertEquals("[1511,1493,1505,1496,1493,32,45,32,75,117,115,116,111]",
                eval("unicode_codepoints_from_string('קוסטו - Kusto')"));
        assertEquals("Kusto", eval("unicode_codepoints_to_string(unicode_codepoints_from_string('Kusto'))"));
        assertEquals("Kusto", eval("unicode_codepoints_to_string(75, 117, 115, 116, 111)"));
        assertEquals("Kusto", eval("unicode_codepoints_to_string(dynamic([75, 117, 115]), 116, 111)"));
        assertEquals("K\nu", eval("unicode_codepoints_to_string(75, 10, 117)"));
        assertEquals("Kusto", eval("make_string(dynamic([75, 117, 115, 116, 111]))"));
        assertEquals("[75]", eval("to_utf8('K')"));
    }
}
