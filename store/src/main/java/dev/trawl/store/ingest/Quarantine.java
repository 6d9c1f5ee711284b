package dev.trawl.store.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The records an ingest could not store, one JSON object per line: {@code source} (the file), {@code line}
 * (1-based, where the record starts), {@code index} (the position in a JSON array or {@code records} list, when
 * there is one), {@code reason}, and the record itself as {@code text} — or, when it is not valid UTF-8, as
 * {@code base64} of its bytes, so nothing is lost. A record over the size limit keeps its first
 * {@value #KEPT_PREFIX} bytes and its length ({@code bytes}); the source file still holds all of it.
 */
final class Quarantine implements AutoCloseable {
    static final int KEPT_PREFIX = 4096;
    private final Path file;
    private OutputStream out;
    private JsonGenerator json;
    private long count;

    Quarantine(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    long count() {
        return count;
    }

    void add(String source, long line, Integer index, String reason, String text, byte[] bytes, long length)
            throws IOException {
        if (json == null) {
            out = new BufferedOutputStream(Files.newOutputStream(file));
            json = Jackson.MAPPER.getFactory().createGenerator(out);
            // One entry a line: the line break below separates entries, not Jackson's default space.
            json.setRootValueSeparator(null);
        }
        json.writeStartObject();
        json.writeStringField("source", source);
        json.writeNumberField("line", line);
        if (index != null) {
            json.writeNumberField("index", index);
        }
        json.writeStringField("reason", reason);
        if (length >= 0) {
            json.writeNumberField("bytes", length);
        }
        if (text != null) {
            json.writeStringField("text", text);
        } else if (bytes != null) {
            json.writeStringField("base64", Base64.getEncoder().encodeToString(bytes));
        }
        json.writeEndObject();
        json.writeRaw('\n');
        count++;
    }

    @Override
    public void close() throws IOException {
        if (json != null) {
            json.close();
            out.close();
        }
    }
}
