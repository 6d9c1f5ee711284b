package dev.trawl.engine.function;

import static dev.trawl.engine.function.StringFunctionsTestSupport.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trawl.engine.exec.QueryException;
import org.junit.jupiter.api.Test;

/**
 * parse_user_agent() over agents a tenant's sign-in and audit logs hold, part by part, as uap-core's patterns
 * read them and in the shape Kusto documents (parse-user-agent-function.md; its two examples are conformance
 * cases): every field a string, the empty string where a part has none, Family "Other" where nothing matches.
 */
class UserAgentsTest {
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.6099.130 Safari/537.36";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";

    @Test
    void readsBrowserOsAndDevice() {
        assertEquals("{\"Browser\":{\"Family\":\"Chrome\",\"MajorVersion\":\"120\",\"MinorVersion\":\"0\",\"Patch\":\"6099\"},"
                + "\"OperatingSystem\":{\"Family\":\"Windows\",\"MajorVersion\":\"10\",\"MinorVersion\":\"\",\"Patch\":\"\","
                + "\"PatchMinor\":\"\"},\"Device\":{\"Family\":\"Other\",\"Brand\":\"\",\"Model\":\"\"}}",
                eval("parse_user_agent('" + CHROME + "', dynamic(['browser', 'os', 'device']))"));
        assertEquals("{\"Device\":{\"Family\":\"iPhone\",\"Brand\":\"Apple\",\"Model\":\"iPhone\"}}",
                eval("parse_user_agent('" + IPHONE + "', 'device')"));
        assertEquals("{\"OperatingSystem\":{\"Family\":\"iOS\",\"MajorVersion\":\"17\",\"MinorVersion\":\"1\","
                + "\"Patch\":\"2\",\"PatchMinor\":\"\"}}", eval("parse_user_agent('" + IPHONE + "', 'os')"));
    }

    @Test
    void partsComeInOneOrderWhateverTheLookForOrderAndCase() {
        assertEquals(eval("parse_user_agent('" + IPHONE + "', dynamic(['browser', 'device']))"),
                eval("parse_user_agent('" + IPHONE + "', dynamic(['DEVICE', 'Browser']))"));
    }

    @Test
    void anAgentNothingMatchesIsOther() {
        assertEquals("{\"Browser\":{\"Family\":\"Other\",\"MajorVersion\":\"\",\"MinorVersion\":\"\",\"Patch\":\"\"},"
                + "\"Device\":{\"Family\":\"Other\",\"Brand\":\"\",\"Model\":\"\"}}",
                eval("parse_user_agent('', dynamic(['browser', 'device']))"));
    }

    @Test
    void anUnknownPartIsAQueryError() {
        QueryException error = assertThrows(QueryException.class, () -> eval("parse_user_agent('" + CHROME + "', 'engine')"));
        assertEquals(true, error.getMessage().contains("\"browser\", \"os\" or \"device\""), error.getMessage());
    }
}
