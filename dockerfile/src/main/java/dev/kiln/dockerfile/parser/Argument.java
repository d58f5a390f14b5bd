package dev.kiln.dockerfile.parser;

/** One argument of an instruction: a plain string, or the instruction nested in an ONBUILD. */
public sealed interface Argument {

    /** A string argument (a JSON element, a word, a key, a value or a separator). */
    record Text(String value) implements Argument {}

    /** The trigger instruction of {@code ONBUILD}. */
    record Nested(Node instruction) implements Argument {}
}
