package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.image.Image;
import dev.kiln.llb.State;

/**
 * A named context made ready to stand in for a stage or an image.
 *
 * @param key   the option name that matched ({@code NAME} or {@code NAME::os/arch}), for step names
 * @param state the source
 * @param image the image config when the source is an image, else null
 */
record ContextSource(String key, State state, Image image) {}
