package dev.trawl.cli;

/**
 * A bug inside Trawl, wrapped with what was being done when it happened (for example which query the parser
 * failed on); reported as one line and exit code {@link ExitCode#INTERNAL}.
 */
final class InternalFailure extends RuntimeException {
    InternalFailure(String whatWasBeingDone, Throwable cause) {
        super(whatWasBeingDone, cause);
    }
}
