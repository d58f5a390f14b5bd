package dev.kiln.dockerfile.parser;

/** Decodes one JSON string literal, replacing unpaired surrogate escapes with U+FFFD. */
final class JsonStrings {

    private static final char REPLACEMENT = '\uFFFD';

    private JsonStrings() {}

    /**
     * Decodes the literal whose opening quote is at {@code start} into {@code out}.
     *
     * @return the index after the closing quote, or -1 when the literal is malformed
     */
    static int decode(String text, int start, StringBuilder out) {
        int pos = start + 1;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return pos + 1;
            }
            if (c < 0x20) {
                return -1; // control characters must be escaped
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            pos = escape(text, pos + 1, out);
            if (pos < 0) {
                return -1;
            }
        }
        return -1;
    }

    /** Decodes the escape whose letter is at {@code pos}; returns the index after it, or -1. */
    private static int escape(String text, int pos, StringBuilder out) {
        if (pos >= text.length()) {
            return -1;
        }
        char letter = text.charAt(pos);
        switch (letter) {
            case '"', '\\', '/' -> out.append(letter);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                return unicodeEscape(text, pos + 1, out);
            }
            default -> {
                return -1;
            }
        }
        return pos + 1;
    }

    private static int unicodeEscape(String text, int pos, StringBuilder out) {
        int unit = hex4(text, pos);
        if (unit < 0) {
            return -1;
        }
        pos += 4;
        if (!Character.isSurrogate((char) unit)) {
            out.append((char) unit);
            return pos;
        }
        // Only a high surrogate directly followed by an escaped low surrogate forms a pair.
        int low = text.startsWith("\\u", pos) ? hex4(text, pos + 2) : -1;
        if (Character.isHighSurrogate((char) unit) && low >= 0 && Character.isLowSurrogate((char) low)) {
            out.append((char) unit).append((char) low);
            return pos + 6;
        }
        out.append(REPLACEMENT);
        return pos;
    }

    private static int hex4(String text, int pos) {
        if (pos + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = pos; i < pos + 4; i++) {
            char c = text.charAt(i);
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
