package dev.kiln.dockerfile.instructions;

/**
 * One ENV or LABEL assignment.
 *
 * @param noDelim true for the legacy {@code KEY value} form
 */
public record KeyValue(String key, String value, boolean noDelim) {

    public KeyValue withKeyValue(String k, String v) {
        return new KeyValue(k, v, noDelim);
    }

    /** {@code key=value}, as BuildKit writes it into image history. */
    @Override
    public String toString() {
        return key + "=" + value;
    }
}
