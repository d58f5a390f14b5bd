package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.instructions.Origin;

/** Builds {@link ConversionException}s located at an instruction. */
final class Errors {

    private Errors() {}

    static ConversionException at(Origin origin, String message) {
        return new ConversionException(message, origin.startLine(), origin.endLine(), null);
    }

    static ConversionException at(Origin origin, String message, Throwable cause) {
        return new ConversionException(message, origin.startLine(), origin.endLine(), cause);
    }
}
