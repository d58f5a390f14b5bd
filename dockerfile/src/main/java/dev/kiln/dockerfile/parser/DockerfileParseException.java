package dev.kiln.dockerfile.parser;

/** A Dockerfile was rejected, by the parser or the validator; carries the offending lines. */
public final class DockerfileParseException extends Exception {

    private final String reason;
    private final int startLine;
    private final int endLine;

    public DockerfileParseException(String reason, int startLine, int endLine) {
        super("Dockerfile:" + startLine + ": " + reason);
        this.reason = reason;
        this.startLine = startLine;
        this.endLine = Math.max(startLine, endLine);
    }

    public DockerfileParseException(String reason, int line) {
        this(reason, line, line);
    }

    /** The message without the location prefix. */
    public String reason() {
        return reason;
    }

    /** First line (1-based) of the construct that failed. */
    public int startLine() {
        return startLine;
    }

    /** Last line (1-based) of the construct that failed. */
    public int endLine() {
        return endLine;
    }
}
