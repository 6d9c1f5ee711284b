package dev.trawl.cli;

import dev.trawl.kql.syntax.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KQL queries of a Markdown document, as hunting-query collections write them: one per fenced code
 * block whose info string starts with {@code kql} or {@code kusto} (any case). Fences follow CommonMark:
 * three or more backticks or tildes indented at most three spaces, closed by a fence of the same character
 * at least as long, or by the end of the document.
 */
final class MarkdownQueries {
    private static final Pattern OPENING_FENCE = Pattern.compile("^(?<indent> {0,3})(?<fence>`{3,}|~{3,})(?<info>.*)$");

    /**
     * One tagged code block.
     *
     * @param index the block's 0-based position among the document's KQL blocks
     * @param firstLine the 1-based file line of the block's first content line
     * @param indent the fence's indentation, which CommonMark removes from the content lines
     */
    record Block(int index, String text, int firstLine, int indent) {
        Block {
            Objects.requireNonNull(text, "text");
        }
    }

    private MarkdownQueries() {
    }

    static List<Block> read(SourceText file) {
        List<Block> blocks = new ArrayList<>();
        int line = 1;
        while (line <= file.lineCount()) {
            Matcher open = OPENING_FENCE.matcher(file.lineText(line));
            if (!open.matches() || (open.group("fence").charAt(0) == '`' && open.group("info").contains("`"))) {
                line++;
                continue;
            }
            String fence = open.group("fence");
            int indent = open.group("indent").length();
            boolean kql = isKql(open.group("info"));
            int firstLine = line + 1;
            line = firstLine;
            StringBuilder text = new StringBuilder();
            while (line <= file.lineCount() && !closes(file.lineText(line), fence)) {
                if (kql) {
                    text.append(stripIndent(file.lineText(line), indent)).append('\n');
                }
                line++;
            }
            line++; // past the closing fence
            if (kql) {
                blocks.add(new Block(blocks.size(), text.toString(), firstLine, indent));
            }
        }
        return List.copyOf(blocks);
    }

    private static boolean isKql(String info) {
        String language = info.strip().split("[\\s{]", 2)[0].toLowerCase(Locale.ROOT);
        return language.equals("kql") || language.equals("kusto");
    }

    private static boolean closes(String line, String fence) {
        int spaces = 0;
        while (spaces < line.length() && spaces < 4 && line.charAt(spaces) == ' ') {
            spaces++;
        }
        if (spaces > 3) {
            return false;
        }
        String rest = line.substring(spaces).stripTrailing();
        if (rest.length() < fence.length()) {
            return false;
        }
        char c = fence.charAt(0);
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) != c) {
                return false;
            }
        }
        return true;
    }

    private static String stripIndent(String line, int indent) {
        int strip = 0;
        while (strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
            strip++;
        }
        return line.substring(strip);
    }
}
