package dev.trawl.hunt.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and number formatting shared by the SVG and the HTML, which are both written as XML. */
final class Markup {
    private static final DateTimeFormatter MINUTE_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Markup() {
    }

    /**
     * Text safe inside an element or a quoted attribute. Control characters other than tab and newline are not
     * allowed in XML at all, so they become U+FFFD rather than making the document unreadable.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    boolean allowed = c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
                    out.append(allowed ? c : '\uFFFD');
                }
            }
        }
        return out.toString();
    }

    /** A coordinate: two decimals are a hundredth of a pixel, plenty, and keep the SVG small. */
    static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A data value as a reader expects it: integers without ".0", others as Java's shortest round-trip form. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** A value for a label: at most three decimals, since a tooltip need not round-trip. */
    static String shortNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String text = String.format(Locale.ROOT, "%.3f", v);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** An instant to the minute, in UTC, as the report prints times. */
    static String minuteUtc(Instant instant) {
        return MINUTE_UTC.format(instant) + " UTC";
    }
}
