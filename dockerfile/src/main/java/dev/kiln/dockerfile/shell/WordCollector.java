package dev.kiln.dockerfile.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits expanded text into fields. Unquoted white space separates fields;
 * quoted or escaped characters are added raw and never split.
 */
final class WordCollector {

    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    void addChar(int cp) {
        if (!Text.isSpace(cp)) {
            addRawChar(cp);
        } else if (inWord && !word.isEmpty()) {
            // An empty quoted word ('') keeps inWord set but never becomes a field, like BuildKit.
            flush();
        }
    }

    void addRawChar(int cp) {
        word.appendCodePoint(cp);
        inWord = true;
    }

    void addString(String s) {
        s.codePoints().forEach(this::addChar);
    }

    void addRawString(String s) {
        word.append(s);
        inWord = true;
    }

    List<String> words() {
        if (!word.isEmpty()) {
            flush();
        }
        return List.copyOf(words);
    }

    private void flush() {
        words.add(word.toString());
        word.setLength(0);
        inWord = false;
    }
}
