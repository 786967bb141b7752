package io.nvo3.app.cli;

/** A failure of an admin subcommand, printed as one line. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
