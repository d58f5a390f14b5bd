package dev.kiln.dockerfile.image;

/**
 * One image history entry (OCI {@code history[]}); empty strings are absent in JSON.
 *
 * @param created    RFC 3339 time as found in the base image, or empty
 * @param emptyLayer true when the step made no layer
 */
public record History(String created, String createdBy, String author, String comment, boolean emptyLayer) {

    public static final String BUILDKIT_COMMENT = "buildkit.dockerfile.v0";

    /** An entry for a Dockerfile step, as BuildKit's {@code commitToHistory} writes it. */
    public static History step(String createdBy, boolean withLayer) {
        return new History("", createdBy, "", BUILDKIT_COMMENT, !withLayer);
    }
}
