package dev.trawl.cli;

/**
 * A problem with what the user asked for that is not a command-line syntax error, such as a file that does
 * not exist; reported as one line and exit code {@link ExitCode#USAGE}.
 */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
