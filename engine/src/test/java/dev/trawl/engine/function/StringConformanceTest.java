package dev.trawl.engine.function;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.engine.exec.Engine;
import dev.trawl.engine.exec.QueryResult;
import dev.trawl.engine.value.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documented examples of the string functions: every case of {@code shared/kql/conformance/cases.jsonl} whose
 * query calls at least one of {@link #STRING_FUNCTIONS} and otherwise only {@link #HELPERS}, run through the
 * engine and compared with the documented table after a loose normalisation (whitespace, {@code <br>},
 * backticks, quotes around a whole cell, thousands separators and boolean spellings ignored; rows in any order). It prints each miss and
 * fails only if fewer cases match than {@link #MATCHING_AT_LEAST}: the count only goes up. The project's own
 * conformance harness ({@code engine/src/test/java/dev/trawl/engine/conformance}) is the authority; this is
 * the string functions' own measure.
 */
class StringConformanceTest {
    /** Measured when these functions were written; raise it when more cases match. */
    private static final int MATCHING_AT_LEAST = 86;

    static final Set<String> STRING_FUNCTIONS = Set.of("strcat_delim", "strcat_array", "substring", "indexof",
            "indexof_regex", "split", "replace_string", "replace_strings", "replace_regex", "replace", "trim", "trim_start",
            "trim_end", "strrep", "reverse", "extract", "extract_all", "countof", "has_any_index", "string_size",
            "isascii", "isutf8", "translate", "url_encode", "url_encode_component", "url_decode", "base64_encode_tostring",
            "base64_decode_tostring", "base64_encode_fromarray", "base64_decode_toarray", "base64_encode_fromguid",
            "base64_decode_toguid", "hash", "hash_sha256", "hash_sha1", "hash_md5", "hash_xxhash64", "hash_combine",
            "hash_many", "parse_url", "parse_urlquery", "parse_path", "parse_csv", "parse_command_line", "parse_version",
            "format_bytes", "unicode_codepoints_from_string", "unicode_codepoints_to_string", "punycode_from_string",
            "punycode_to_string", "punycode_domain_from_string", "punycode_domain_to_string", "strcmp", "regex_quote",
            "tohex", "to_utf8", "make_string", "gzip_compress_to_base64_string", "gzip_decompress_from_base64_string",
            "zlib_compress_to_base64_string", "zlib_decompress_from_base64_string", "extract_json", "extractjson",
            "strlen", "strcat", "toupper", "tolower");

    /** Other calls a selected query may make: literals, conversions and the operators' function forms. */
    static final Set<String> HELPERS = Set.of("print", "datatable", "extend", "project", "dynamic", "datetime", "toguid",
            "tostring", "toint", "tolong", "typeof", "toscalar", "iff", "range", "let", "sort", "by");

    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

    @Test
    void documentedExamplesOfTheStringFunctions() throws IOException {
        Path cases = casesFile();
        int selected = 0;
        int matching = 0;
        StringBuilder report = new StringBuilder();
        for (String line : Files.readAllLines(cases, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<?, ?> record;
            try {
                record = (Map<?, ?>) Json.parse(line);
            } catch (Json.InvalidJson e) {
                throw new IllegalStateException("cases.jsonl has a line that is not JSON", e);
            }
            String query = (String) record.get("query");
            if (!selects(query)) {
                continue;
            }
            selected++;
            String expected = (String) record.get("expected");
            String verdict;
            try {
                QueryResult result = new Engine(Instant.parse("2024-01-31T12:00:00Z")).run(query);
                verdict = compare(result, expected);
            } catch (RuntimeException e) {
                verdict = "error: " + e.getMessage();
            }
            if (verdict == null) {
                matching++;
            } else {
                report.append("  MISS ").append(record.get("source")).append('\n').append("    ")
                        .append(verdict.replace("\n", "\n    ")).append('\n');
            }
        }
        System.out.println("string functions' documented examples: " + matching + " of " + selected + " match");
        System.out.print(report);
        assertTrue(matching >= MATCHING_AT_LEAST, matching + " of " + selected + " documented string examples match, "
                + "fewer than the " + MATCHING_AT_LEAST + " that did:\n" + report);
    }

    /** Calls one of the string functions and nothing outside them and the helpers. */
    static boolean selects(String query) {
        Matcher matcher = CALL.matcher(withoutStrings(query));
        boolean any = false;
        while (matcher.find()) {
            String name = matcher.group(1);
            if (STRING_FUNCTIONS.contains(name)) {
                any = true;
            } else if (!HELPERS.contains(name)) {
                return false;
            }
        }
        return any;
    }

    /** The query with string literals and comments blanked, so their words are not taken for calls. */
    private static String withoutStrings(String query) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '/' && i + 1 < query.length() && query.charAt(i + 1) == '/') {
                while (i < query.length() && query.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (c == '"' || c == '\'') {
                boolean verbatim = i > 0 && query.charAt(i - 1) == '@';
                for (i++; i < query.length() && query.charAt(i) != c; i++) {
                    if (!verbatim && query.charAt(i) == '\\') {
                        i++;
                    }
                }
                out.append("\"\"");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Null when the result matches the documented table (loosely), else why not. */
    static String compare(QueryResult result, String expected) {
        List<List<String>> table = markdownRows(expected);
        if (table.size() < 1) {
            return "no table in the expected output";
        }
        List<String> wantRows = new ArrayList<>();
        for (List<String> row : table.subList(1, table.size())) {
            wantRows.add(String.join("|", row.stream().map(StringConformanceTest::normalise).toList()));
        }
        List<String> gotRows = new ArrayList<>();
        for (int r = 0; r < result.rowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < result.columns().size(); c++) {
                String text = result.text(r, c);
                cells.add(normalise(text == null ? "" : text));
            }
            gotRows.add(String.join("|", cells));
        }
        List<String> unmatched = new ArrayList<>(wantRows);
        List<String> extra = new ArrayList<>();
        for (String row : gotRows) {
            if (!unmatched.remove(row)) {
                extra.add(row);
            }
        }
        if (unmatched.isEmpty() && extra.isEmpty()) {
            return null;
        }
        return "expected rows " + unmatched + "\ngot rows      " + extra;
    }

    private static List<List<String>> markdownRows(String markdown) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("|") && !trimmed.contains("|")) {
                continue;
            }
            if (trimmed.contains("-") && trimmed.replaceAll("[|\\-:\\s]", "").isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("|")) {
                trimmed = trimmed.substring(1);
            }
            if (trimmed.endsWith("|") && !trimmed.endsWith("\\|")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            for (int i = 0; i < trimmed.length(); i++) {
                char c = trimmed.charAt(i);
                if (c == '\\' && i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '|') {
                    cell.append('|');
                    i++;
                } else if (c == '|') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    private static String normalise(String cell) {
        String text = cell.replace("<br />", "").replace("<br>", "").replace("`", "").replaceAll("\\s+", "");
        if (text.matches("-?\\d{1,3}(,\\d{3})+")) {
            text = text.replace(",", "");
        }
        // Some pages quote a string cell ("eAEB...=="), as a dynamic string would be written.
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") && text.indexOf('"', 1) == text.length() - 1) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1);
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            text = text.toLowerCase(java.util.Locale.ROOT);
        }
        // Datetimes are written both as 2017-01-01T00:00:00Z and 2017-01-01 00:00:00.0000000.
        return text.replaceAll("(\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2}:\\d{2})(\\.0000000)?Z?", "$1$2")
                .replaceAll("(\\d{4}-\\d{2}-\\d{2}\\d{2}:\\d{2}:\\d{2})\\.0000000", "$1");
    }

    private static Path casesFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/kql/conformance/cases.jsonl");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/kql/conformance/cases.jsonl above " + Path.of("").toAbsolutePath());
    }
}
