package dev.routewise.cli;

/** A failure the user must see as one clear message and an exit code, never as a stack trace. */
final class CliException extends RuntimeException {

    static final int AUTH = 3;
    static final int REJECTED = 4;
    static final int UNREACHABLE = 5;

    private final int exitCode;
    private final int status;

    CliException(int exitCode, String message) {
        this(exitCode, 0, message);
    }

    CliException(int exitCode, int status, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.status = status;
    }

    int exitCode() {
        return exitCode;
    }

    /** The HTTP status that caused it, 0 when there was no answer. */
    int status() {
        return status;
    }
}
