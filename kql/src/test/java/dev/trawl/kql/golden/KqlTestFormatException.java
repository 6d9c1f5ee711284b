package dev.trawl.kql.golden;

/** A {@code .kqltest} file that does not follow the format; carries the 1-based line it stopped at. */
public final class KqlTestFormatException extends RuntimeException {
    private final int line;

    public KqlTestFormatException(String fileName, int line, String message) {
        super(fileName + ":" + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
