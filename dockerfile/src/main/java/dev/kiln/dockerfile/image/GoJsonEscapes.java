package dev.kiln.dockerfile.image;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes strings like Go's {@code encoding/json} (Go 1.19): {@code \n \r \t} short, other
 * control characters and {@code < > &} and U+2028/U+2029 as lower-case hex escapes, so the
 * image config is byte-identical to BuildKit's.
 */
final class GoJsonEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] ascii;

    GoJsonEscapes() {
        ascii = standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++) {
            ascii[c] = ESCAPE_CUSTOM;
        }
        ascii['\n'] = 'n';
        ascii['\r'] = 'r';
        ascii['\t'] = 't';
        ascii['<'] = ESCAPE_CUSTOM;
        ascii['>'] = ESCAPE_CUSTOM;
        ascii['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 0x80 || ch == 0x2028 || ch == 0x2029) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
        return null;
    }
}
