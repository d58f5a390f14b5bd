package dev.kiln.dockerfile.instructions;

/** An instruction is malformed (bad flag, bad argument); carries its lines. */
public final class InstructionException extends Exception {

    private final int startLine;
    private final int endLine;

    public InstructionException(String message, int startLine, int endLine) {
        super(message);
        this.startLine = startLine;
        this.endLine = endLine;
    }

    public int startLine() {
        return startLine;
    }

    public int endLine() {
        return endLine;
    }
}
