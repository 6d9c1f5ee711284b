package dev.trawl.engine.exec;

import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** parse-kv's three modes (see {@link LogicalPlan.ParseKv}); values take their key's declared type. */
final class KeyValues {
    private KeyValues() {
    }

    static List<Batch> parseKv(LogicalPlan.ParseKv parseKv, Iterable<Batch> input, Evaluator evaluator) {
        Schema schema = parseKv.schema();
        Schema inputSchema = parseKv.input().schema();
        List<Batch> out = new ArrayList<>();
        Pattern regex = parseKv.regex() == null ? null : Pattern.compile(parseKv.regex());
        for (Batch batch : input) {
            Column source = evaluator.evaluate(parseKv.source(), batch);
            ColumnBuilder[] builders = Executor.builders(schema, batch.size());
            for (int k = 0; k < batch.size(); k++) {
                Object value = source.get(k);
                String text = value == null ? "" : value.toString();
                Map<String, String> found = regex != null ? byRegex(text, regex)
                        : parseKv.pairDelimiter() != null && parseKv.kvDelimiter() != null ? byDelimiters(text, parseKv)
                        : byKeys(text, parseKv);
                int row = batch.row(k);
                for (int c = 0; c < schema.size(); c++) {
                    Schema.Field field = schema.field(c);
                    Schema.Field key = null;
                    for (Schema.Field candidate : parseKv.keys()) {
                        if (candidate.name().equals(field.name())) {
                            key = candidate;
                        }
                    }
                    if (key == null) {
                        builders[c].add(batch.columns()[inputSchema.indexOf(field.name())].get(row));
                    } else {
                        String raw = found.get(key.name());
                        Object typed = raw == null ? null : MoreOperators.convertText(raw, key.type());
                        builders[c].add(typed == MoreOperators.invalid() ? null : typed);
                    }
                }
            }
            out.add(Batch.dense(Executor.build(builders), batch.size()));
        }
        return out;
    }

    private static Map<String, String> byRegex(String text, Pattern regex) {
        Map<String, String> found = new HashMap<>();
        Matcher matcher = regex.matcher(text);
        while (matcher.find()) {
            if (matcher.groupCount() >= 2) {
                found.putIfAbsent(matcher.group(1).trim(), matcher.group(2).trim());
            }
        }
        return found;
    }

    /** Splits on the pair delimiter outside quotes, then each pair at its first key/value delimiter. */
    private static Map<String, String> byDelimiters(String text, LogicalPlan.ParseKv parseKv) {
        List<String> tokens = split(text, parseKv.pairDelimiter(), parseKv.quote(), parseKv.escape());
        Map<String, String> found = new HashMap<>();
        String kv = parseKv.kvDelimiter();
        String currentKey = null;
        StringBuilder currentValue = null;
        for (String token : tokens) {
            int at = indexOutsideQuotes(token, kv, parseKv.quote(), parseKv.escape());
            if (at < 0) {
                // A token with no key: part of the previous value when greedy, otherwise ignored.
                if (parseKv.greedy() && currentValue != null) {
                    currentValue.append(parseKv.pairDelimiter()).append(token);
                }
                continue;
            }
            if (currentKey != null) {
                found.putIfAbsent(currentKey, unquote(currentValue.toString().trim(), parseKv.quote(), parseKv.escape()));
            }
            currentKey = unquote(token.substring(0, at).trim(), parseKv.quote(), parseKv.escape());
            currentValue = new StringBuilder(token.substring(at + kv.length()));
        }
        if (currentKey != null) {
            found.putIfAbsent(currentKey, unquote(currentValue.toString().trim(), parseKv.quote(), parseKv.escape()));
        }
        return found;
    }

    /**
     * No delimiters given: each key is looked for as a word followed by ':' or '=', and its value runs to
     * the next ',' or ';' (or a closing quote when it starts with one). Kusto's documented examples are
     * the reference; the exact rule is not documented beyond them.
     */
    private static Map<String, String> byKeys(String text, LogicalPlan.ParseKv parseKv) {
        Map<String, String> found = new HashMap<>();
        String quotes = parseKv.quote() == null ? "" : parseKv.quote();
        for (Schema.Field key : parseKv.keys()) {
            Matcher matcher = Pattern.compile("(?<![\\w])" + Pattern.quote(key.name()) + "\\s*[:=]\\s*").matcher(text);
            if (!matcher.find()) {
                continue;
            }
            int start = matcher.end();
            if (start < text.length() && !quotes.isEmpty() && quotes.indexOf(text.charAt(start)) >= 0) {
                char open = text.charAt(start);
                char close = quotes.length() > 1 && quotes.charAt(0) == open ? quotes.charAt(1) : open;
                StringBuilder value = new StringBuilder();
                int i = start + 1;
                while (i < text.length() && text.charAt(i) != close) {
                    if (parseKv.escape() != null && text.startsWith(parseKv.escape(), i) && i + 1 < text.length()) {
                        i += parseKv.escape().length();
                    }
                    value.append(text.charAt(i++));
                }
                found.put(key.name(), value.toString());
            } else {
                int end = start;
                while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != ';') {
                    end++;
                }
                found.put(key.name(), text.substring(start, end).trim());
            }
        }
        return found;
    }

    private static List<String> split(String text, String delimiter, String quote, String escape) {
        List<String> tokens = new ArrayList<>();
        int start = 0;
        int i = 0;
        char inQuote = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (inQuote != 0) {
                if (escape != null && text.startsWith(escape, i)) {
                    i += escape.length() + 1;
                    continue;
                }
                if (c == inQuote) {
                    inQuote = 0;
                }
                i++;
                continue;
            }
            if (quote != null && quote.indexOf(c) >= 0 && (quote.length() == 1 || quote.charAt(0) == c)) {
                inQuote = quote.length() > 1 ? quote.charAt(1) : c;
                i++;
                continue;
            }
            if (text.startsWith(delimiter, i)) {
                tokens.add(text.substring(start, i));
                i += delimiter.length();
                start = i;
                continue;
            }
            i++;
        }
        tokens.add(text.substring(start));
        tokens.removeIf(String::isEmpty);
        return tokens;
    }

    private static int indexOutsideQuotes(String token, String delimiter, String quote, String escape) {
        char inQuote = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (inQuote != 0) {
                if (escape != null && token.startsWith(escape, i)) {
                    i += escape.length();
                } else if (c == inQuote) {
                    inQuote = 0;
                }
                continue;
            }
            if (quote != null && quote.indexOf(c) >= 0 && (quote.length() == 1 || quote.charAt(0) == c)) {
                inQuote = quote.length() > 1 ? quote.charAt(1) : c;
                continue;
            }
            if (token.startsWith(delimiter, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String text, String quote, String escape) {
        if (quote == null || text.length() < 2) {
            return text;
        }
        char open = text.charAt(0);
        char close = quote.length() > 1 ? quote.charAt(1) : open;
        if (quote.indexOf(open) < 0 || (quote.length() > 1 && open != quote.charAt(0)) || text.charAt(text.length() - 1) != close) {
            return text;
        }
        String inner = text.substring(1, text.length() - 1);
        if (escape == null) {
            return inner;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            if (inner.startsWith(escape, i) && i + escape.length() < inner.length()) {
                i += escape.length();
            }
            out.append(inner.charAt(i));
        }
        return out.toString();
    }
}
