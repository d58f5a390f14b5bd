package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits ENV/LABEL/ARG arguments into words at unquoted white space. Quotes and
 * escapes are kept in the words: they are removed later, when the words are expanded.
 */
final class WordSplitter {

    private enum Phase { SPACES, WORD, QUOTE }

    private final int[] text;
    private final int escape;
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private Phase phase = Phase.SPACES;
    private int quote;
    private boolean blankOk;

    private WordSplitter(String rest, char escape) {
        this.text = rest.codePoints().toArray();
        this.escape = escape;
    }

    static List<String> split(String rest, char escape) {
        return new WordSplitter(rest, escape).run();
    }

    private List<String> run() {
        for (int pos = 0; pos < text.length; pos++) {
            int ch = text[pos];
            if (phase == Phase.SPACES) {
                if (Text.isSpace(ch)) {
                    continue;
                }
                phase = Phase.WORD;
            }
            pos = phase == Phase.WORD ? inWord(pos) : inQuote(pos);
        }
        if (phase != Phase.SPACES && (blankOk || !word.isEmpty())) {
            words.add(word.toString());
        }
        return words;
    }

    private int inWord(int pos) {
        int ch = text[pos];
        if (Text.isSpace(ch)) {
            phase = Phase.SPACES;
            if (blankOk || !word.isEmpty()) {
                words.add(word.toString());
            }
            word.setLength(0);
            blankOk = false;
            return pos;
        }
        if (ch == '\'' || ch == '"') {
            quote = ch;
            blankOk = true;
            phase = Phase.QUOTE;
        }
        if (ch == escape) {
            if (pos + 1 == text.length) {
                return pos; // an escape at the very end is dropped
            }
            // Outside quotes the escape and the next character are both kept, even a quote.
            word.appendCodePoint(ch);
            pos++;
        }
        word.appendCodePoint(text[pos]);
        return pos;
    }

    private int inQuote(int pos) {
        int ch = text[pos];
        if (ch == quote) {
            phase = Phase.WORD;
        }
        // Nothing can be escaped inside single quotes.
        if (ch == escape && quote != '\'') {
            if (pos + 1 == text.length) {
                phase = Phase.WORD;
                return pos;
            }
            word.appendCodePoint(ch);
            pos++;
        }
        word.appendCodePoint(text[pos]);
        return pos;
    }
}
