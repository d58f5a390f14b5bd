package dev.kiln.dockerfile.shell;

/** Reads a string one code point at a time, with one code point of look-ahead. */
final class CodePointCursor {

    static final int EOF = -1;

    private final int[] codePoints;
    private int position;

    CodePointCursor(String text) {
        this.codePoints = text.codePoints().toArray();
    }

    int peek() {
        return position < codePoints.length ? codePoints[position] : EOF;
    }

    int next() {
        return position < codePoints.length ? codePoints[position++] : EOF;
    }
}
