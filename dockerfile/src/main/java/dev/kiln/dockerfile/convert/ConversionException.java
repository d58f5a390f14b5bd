package dev.kiln.dockerfile.convert;

/**
 * A Dockerfile could not be converted. Carries the Dockerfile lines of the failing instruction
 * (0 when the error concerns the whole file or the options), like BuildKit's
 * {@code parser.LocationError}; the message reads like BuildKit's.
 */
public final class ConversionException extends Exception {

    private final int startLine;
    private final int endLine;

    public ConversionException(String message, int startLine, int endLine, Throwable cause) {
        super(message, cause);
        this.startLine = startLine;
        this.endLine = Math.max(startLine, endLine);
    }

    public ConversionException(String message) {
        this(message, 0, 0, null);
    }

    public int startLine() {
        return startLine;
    }

    public int endLine() {
        return endLine;
    }

    public boolean hasLocation() {
        return startLine > 0;
    }

    /** {@code Dockerfile:LINE: message}, or just the message without a location. */
    public String describe(String filename) {
        return hasLocation() ? filename + ":" + startLine + ": " + getMessage() : getMessage();
    }
}
