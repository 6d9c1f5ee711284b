package dev.trawl.engine.conformance;

/** A documented output that is not a Markdown table (nor a fenced single value): the case cannot be judged. */
final class ExpectedTableException extends Exception {
    ExpectedTableException(String message) {
        super(message);
    }
}
