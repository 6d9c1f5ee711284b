package dev.trawl.kql.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Datetime text in the canonical form (read without regular expressions) and in other spellings agree. */
class LiteralValuesTest {
    @Test
    void aCanonicalDatetimeReadsAsItsOtherSpellingsDo() {
        String[][] same = {
            {"2024-02-29T13:45:07.1234567Z", "2024-02-29 13:45:07.1234567Z", "2024-02-29T13:45:07.12345670"},
            {"0001-01-01T00:00:00.0000000Z", "0001-01-01", "0001-01-01T00:00"},
            {"9999-12-31T23:59:59.9999999Z", "9999-12-31 23:59:59.9999999"},
            {"2017-01-01T00:00:30.0000000Z", "2017-01-01T00:00:30Z", "'2017-01-01T00:00:30.0000000Z'"},
        };
        for (String[] spellings : same) {
            Long ticks = LiteralValues.datetimeTicks(spellings[0]);
            for (String other : spellings) {
                assertEquals(ticks, LiteralValues.datetimeTicks(other), other);
            }
        }
        assertEquals((1_483_228_830L + LiteralValues.EPOCH_OFFSET_SECONDS) * LiteralValues.TICKS_PER_SECOND,
                LiteralValues.datetimeTicks("2017-01-01T00:00:30.0000000Z"));
    }

    @Test
    void anImpossibleCanonicalDatetimeIsNoDatetime() {
        for (String text : new String[] {"2023-02-29T00:00:00.0000000Z", "2024-13-01T00:00:00.0000000Z",
            "2024-04-31T00:00:00.0000000Z", "2024-01-01T24:00:00.0000000Z", "2024-01-01T00:60:00.0000000Z",
            "2024-01-01T00:00:60.0000000Z", "0000-01-01T00:00:00.0000000Z", "2024-01-01T00:00:00.00000a0Z"}) {
            assertNull(LiteralValues.datetimeTicks(text), text);
        }
    }
}
