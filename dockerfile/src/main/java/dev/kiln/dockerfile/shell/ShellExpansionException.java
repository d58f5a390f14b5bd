package dev.kiln.dockerfile.shell;

/** A word could not be expanded: bad syntax, an unterminated quote, or a {@code ${VAR?}} failure. */
public final class ShellExpansionException extends Exception {

    public ShellExpansionException(String message) {
        super(message);
    }

    ShellExpansionException(String message, Throwable cause) {
        super(message, cause);
    }
}
