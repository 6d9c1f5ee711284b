package dev.trawl.cli;

/** The process exit codes of every trawl command (DESIGN §6), chosen from BSD {@code sysexits.h}. */
public final class ExitCode {
    /** Every query is free of errors (warnings allowed). */
    public static final int OK = 0;
    /** The command line was wrong: unknown option, missing file, no input. */
    public static final int USAGE = 64;
    /** At least one query has an error, or could not be read from its file. */
    public static final int QUERY_ERROR = 65;
    /** A file could not be read or written (the store, an export): the message says which and why. */
    public static final int IO_ERROR = 74;
    /** Trawl itself failed; a bug, never the user's fault. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
