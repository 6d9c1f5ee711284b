package dev.trawl.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.trawl.cli.QueryInput.Query;
import dev.trawl.cli.QueryInput.Unreadable;
import dev.trawl.hunt.Exclusions;
import dev.trawl.hunt.RuleFile;
import dev.trawl.kql.syntax.SourceText;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the bytes of one input into the queries it holds, by the kind of file it is. Positions in reports
 * are file positions wherever the query's lines can be found in the file (a whole query file, a rule's
 * {@code query:} block, a Markdown fence; see {@link Placement}); a JSON-lines query's positions are
 * relative to the query, since its text is an escaped JSON string.
 */
final class QuerySources {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One thing a command was given to read: a file or standard input ({@code path} null), and how to read it. */
    record Input(String name, java.nio.file.Path path, Kind kind) {
        boolean isStdin() {
            return path == null;
        }
    }

    /**
     * The inputs FILE arguments name, for check and lint alike: {@code -} once for standard input (a query),
     * else existing files whose name says their kind.
     */
    static List<Input> inputs(picocli.CommandLine command, List<String> files) {
        List<Input> inputs = new ArrayList<>();
        boolean stdinUsed = false;
        for (String file : files) {
            if (file.equals("-")) {
                if (stdinUsed) {
                    throw new picocli.CommandLine.ParameterException(command, "'-' (standard input) can be given only once");
                }
                stdinUsed = true;
                inputs.add(new Input("<stdin>", null, Kind.QUERY));
                continue;
            }
            java.nio.file.Path path = existingFile(file);
            Kind kind = Kind.of(path.getFileName().toString()).orElseThrow(() -> new UsageException(
                    "cannot tell what kind of file '" + file + "' is: expected .kql, .csl, .kusto, .txt (a query), "
                            + ".yaml, .yml (a rule), .md (Markdown) or .jsonl (JSON lines)"));
            inputs.add(new Input(file, path, kind));
        }
        return inputs;
    }

    /** The file a name gives, or a usage error saying why it cannot be read. */
    static java.nio.file.Path existingFile(String name) {
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException("'" + name + "' is not a valid file name: " + e.getReason());
        }
        if (!java.nio.file.Files.exists(path)) {
            throw new UsageException("no such file: " + name);
        }
        if (java.nio.file.Files.isDirectory(path)) {
            throw new UsageException(name + " is a directory; give the files in it, for example " + name
                    + "/*.yaml");
        }
        if (!java.nio.file.Files.isReadable(path)) {
            throw new UsageException("cannot read " + name + ": permission denied");
        }
        return path;
    }

    /** The kinds of input files check reads, by file name extension. */
    enum Kind {
        /** {@code .kql .csl .kusto .txt} or standard input: the whole text is one query. */
        QUERY,
        /** {@code .yaml .yml}: a Sentinel or Defender rule; its {@code query} is the query. */
        RULE,
        /** {@code .md}: every {@code kql}/{@code kusto} fenced code block is a query. */
        MARKDOWN,
        /** {@code .jsonl}: one JSON object per line with a {@code query} and an optional {@code id}. */
        JSON_LINES;

        static Optional<Kind> of(String fileName) {
            String name = fileName.toLowerCase(Locale.ROOT);
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? "" : name.substring(dot + 1);
            return switch (extension) {
                case "kql", "csl", "kusto", "txt" -> Optional.of(QUERY);
                case "yaml", "yml" -> Optional.of(RULE);
                case "md" -> Optional.of(MARKDOWN);
                case "jsonl" -> Optional.of(JSON_LINES);
                default -> Optional.empty();
            };
        }
    }

    /**
     * The queries one input holds, and warnings about the input as a whole (such as a Markdown file with
     * no KQL block) that belong to no query.
     */
    record Read(List<QueryInput> queries, List<String> warnings) {
        Read {
            queries = List.copyOf(queries);
            warnings = List.copyOf(warnings);
        }

        static Read of(QueryInput query) {
            return new Read(List.of(query), List.of());
        }
    }

    private QuerySources() {
    }

    /** The queries in {@code bytes}, read from the input the user called {@code name}. */
    static Read read(String name, Kind kind, byte[] bytes) {
        Objects.requireNonNull(name, "name");
        if (kind == Kind.JSON_LINES) {
            return readJsonLines(name, bytes);
        }
        String text;
        try {
            text = decodeUtf8(bytes, 0, bytes.length);
        } catch (InvalidUtf8Exception e) {
            return Read.of(new Unreadable(name, name + ": " + e.getMessage()));
        }
        SourceText file = new SourceText(name, text);
        return switch (kind) {
            case QUERY -> Read.of(Query.whole(name, file));
            case RULE -> readRule(file);
            case MARKDOWN -> readMarkdown(file);
            case JSON_LINES -> throw new IllegalStateException("handled above");
        };
    }

    private static Read readRule(SourceText file) {
        if (Exclusions.isExclusionsFile(file)) {
            return readExclusions(file);
        }
        RuleFile.RuleQuery rule;
        try {
            rule = RuleFile.readQuery(file);
        } catch (RuleFile.NoQueryException e) {
            return Read.of(new Unreadable(file.name(), e.getMessage()));
        }
        return Read.of(placedQuery(file.name(), file.name() + "#query", file, rule.text(),
                rule.firstLine().orElse(0), rule.indent(), rule.warnings()));
    }

    /**
     * An exclusions file: each predicate is checked as {@code <table> | where <predicate>}, the query it becomes
     * when a rule runs, and named after its exclusion ({@code exclusions.yaml#archive-job}).
     */
    private static Read readExclusions(SourceText file) {
        Exclusions exclusions;
        try {
            exclusions = Exclusions.read(file);
        } catch (Exclusions.ExclusionsException e) {
            return Read.of(new Unreadable(file.name(), e.getMessage()));
        }
        List<QueryInput> queries = new ArrayList<>();
        for (Exclusions.Exclusion exclusion : exclusions.exclusions()) {
            String id = file.name() + "#" + exclusion.name();
            queries.add(new Query(id, new SourceText(id, exclusion.table() + "\n| where " + exclusion.where().text()),
                    Optional.empty(), List.of()));
        }
        return new Read(queries, List.of());
    }

    private static Read readMarkdown(SourceText file) {
        List<QueryInput> queries = new ArrayList<>();
        for (MarkdownQueries.Block block : MarkdownQueries.read(file)) {
            String id = file.name() + "#" + block.index();
            queries.add(placedQuery(id, id, file, block.text(), block.firstLine(), block.indent(), List.of()));
        }
        List<String> warnings = queries.isEmpty()
                ? List.of(file.name() + ": no ```kql or ```kusto code block, so no query to check")
                : List.of();
        return new Read(queries, warnings);
    }

    /**
     * A query cut out of {@code file}. With a placement its diagnostics are rendered against the file; without
     * one they are rendered against the query, under a name that says so ({@code rule.yaml#query},
     * {@code file.md#0}).
     */
    private static Query placedQuery(String id, String queryRelativeName, SourceText file, String text,
            int firstLine, int indent, List<String> warnings) {
        SourceText source = new SourceText(queryRelativeName, text);
        return new Query(id, source, Placement.find(file, source, firstLine, indent), warnings);
    }

    private static Read readJsonLines(String name, byte[] bytes) {
        List<QueryInput> queries = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNumber++;
            int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            QueryInput query = jsonLine(name, lineNumber, bytes, start, contentEnd);
            if (query != null) {
                queries.add(query);
            }
            start = end + 1;
        }
        return new Read(queries, List.of());
    }

    /** The query on one JSON line, or null for a blank line. */
    private static QueryInput jsonLine(String name, int lineNumber, byte[] bytes, int start, int end) {
        String defaultId = "line " + lineNumber;
        String where = name + ":" + lineNumber;
        String line;
        try {
            line = decodeUtf8(bytes, start, end);
        } catch (InvalidUtf8Exception e) {
            return new Unreadable(defaultId, where + ": " + e.getMessage());
        }
        if (line.isBlank()) {
            return null;
        }
        JsonNode object;
        try {
            object = JSON.readTree(line);
        } catch (JacksonException e) {
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            return new Unreadable(defaultId, where + ": not valid JSON"
                    + (column > 0 ? " at column " + column : "") + ": " + e.getOriginalMessage());
        }
        if (!object.isObject()) {
            return new Unreadable(defaultId, where + ": expected a JSON object with a \"query\" field, found "
                    + object.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        JsonNode idNode = object.get("id");
        boolean hasId = idNode != null && (idNode.isTextual() || idNode.isNumber());
        String id = hasId ? idNode.asText() : defaultId;
        JsonNode query = object.get("query");
        if (query == null || !query.isTextual()) {
            return new Unreadable(id, where + ": " + (query == null ? "no \"query\" field" : "\"query\" is not a string"));
        }
        // The id names the query in rendered diagnostics; without one, the file and line do.
        String sourceName = hasId ? id : name + "[line " + lineNumber + "]";
        return Query.whole(id, new SourceText(sourceName, query.textValue()));
    }

    /**
     * Strict UTF-8: a query with a broken byte is reported, not silently changed to U+FFFD. A leading byte
     * order mark is dropped, as editors write one.
     */
    static String decodeUtf8(byte[] bytes, int start, int end) throws InvalidUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidUtf8Exception(in.position() - start);
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return start == 0 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Text that is not UTF-8; reported for the query it was meant to be. */
    static final class InvalidUtf8Exception extends Exception {
        InvalidUtf8Exception(int offset) {
            super("not valid UTF-8 text (bad byte at offset " + offset + ")");
        }
    }
}
