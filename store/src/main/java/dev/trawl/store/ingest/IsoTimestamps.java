package dev.trawl.store.ingest;

import dev.trawl.kql.syntax.LiteralValues;

/**
 * The datetime spelling exports use nearly always — {@code 2021-08-02T13:32:07[.fffffff][Z]} — read without
 * regular expressions; every other spelling goes to the literal rules ({@link LiteralValues#datetimeTicks}),
 * so the accepted language is the same, only the common case is faster.
 */
final class IsoTimestamps {
    private IsoTimestamps() {
    }

    static Long ticks(String text) {
        Long fast = fast(text);
        return fast != null ? fast : LiteralValues.datetimeTicks(text.trim());
    }

    /** The ticks of the plain form, or null when the text is not exactly that form (or not a real date). */
    static Long fast(String s) {
        int n = s.length();
        if (n < 19 || n > 40) {
            return null;
        }
        byte[] ascii = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0x7F) {
                // Only ASCII digits and separators make the plain form; a non-ASCII digit is the literal rules' to judge.
                return null;
            }
            ascii[i] = (byte) c;
        }
        return fast(ascii, 0, n);
    }

    /** {@link #fast(String)} of the ASCII bytes {@code [from, to)} of a JSON line (a string's content). */
    static Long fast(byte[] s, int from, int to) {
        int n = to - from;
        if (n < 19 || s[from + 4] != '-' || s[from + 7] != '-' || s[from + 10] != 'T' || s[from + 13] != ':'
                || s[from + 16] != ':') {
            return null;
        }
        int year = digits(s, from, 4);
        int month = digits(s, from + 5, 2);
        int day = digits(s, from + 8, 2);
        int hour = digits(s, from + 11, 2);
        int minute = digits(s, from + 14, 2);
        int second = digits(s, from + 17, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        int at = from + 19;
        long fraction = 0;
        if (at < to && s[at] == '.') {
            at++;
            int start = at;
            while (at < to && at - start < 7 && s[at] >= '0' && s[at] <= '9') {
                fraction = fraction * 10 + (s[at] - '0');
                at++;
            }
            if (at == start) {
                return null;
            }
            for (int pad = at - start; pad < 7; pad++) {
                fraction *= 10;
            }
        }
        if (at < to && s[at] == 'Z') {
            at++;
        }
        if (at != to) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay() + LiteralValues.EPOCH_OFFSET_SECONDS / 86_400;
        long seconds = days * 86_400L + hour * 3600L + minute * 60L + second;
        return seconds * LiteralValues.TICKS_PER_SECOND + fraction;
    }

    private static int digits(byte[] s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            byte c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
