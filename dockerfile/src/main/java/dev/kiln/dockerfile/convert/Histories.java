package dev.kiln.dockerfile.convert;

import dev.kiln.dockerfile.image.History;

/** Appends image history entries the way BuildKit's {@code commitToHistory} does. */
final class Histories {

    private Histories() {}

    /** A metadata-only step (ENV, LABEL, …): no layer. */
    static void config(StageState d, String message) {
        d.image.history.add(History.step(message, false));
    }

    /** A step that changed the filesystem through LLB: marked {@code # buildkit}. */
    static void layer(StageState d, String message) {
        d.image.history.add(History.step(message + " # buildkit", true));
    }
}
