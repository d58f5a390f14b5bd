package dev.kiln.dockerfile.instructions;

/**
 * One name of an ARG instruction.
 *
 * @param value the default as written, or null when the ARG has none
 */
public record ArgDecl(String key, String value) {

    public boolean hasValue() {
        return value != null;
    }

    public ArgDecl withValue(String v) {
        return new ArgDecl(key, v);
    }

    /** The value, or {@code ""} when there is none. */
    public String valueOrEmpty() {
        return value == null ? "" : value;
    }
}
