package dev.kiln.dockerfile.parser;

/** An instruction line is malformed; the caller adds the location. */
final class InstructionSyntaxException extends Exception {

    InstructionSyntaxException(String message) {
        super(message);
    }
}
