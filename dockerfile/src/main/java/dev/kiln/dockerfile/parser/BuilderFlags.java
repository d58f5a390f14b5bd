package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits leading {@code --name[=value]} words off an instruction's arguments, like
 * BuildKit: quotes inside a flag are removed, a backslash escapes the next
 * character, and a lone {@code --} ends the flags without being kept.
 */
final class BuilderFlags {

    /** The flags found and the text after them (untrimmed). */
    record Split(List<String> flags, String rest) {}

    private enum Phase { SPACES, WORD, QUOTE }

    private final String line;
    private final List<String> flags = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private Phase phase = Phase.SPACES;
    private char quote;
    private boolean blankOk;

    private BuilderFlags(String line) {
        this.line = line;
    }

    static Split extract(String line) {
        return new BuilderFlags(line).run();
    }

    private Split run() {
        for (int pos = 0; pos < line.length(); pos++) {
            char ch = line.charAt(pos);
            if (phase == Phase.SPACES) {
                if (Text.isSpace(ch)) {
                    continue;
                }
                if (!startsFlag(pos)) {
                    return new Split(flags, line.substring(pos));
                }
                phase = Phase.WORD;
            }
            if (phase == Phase.WORD && Text.isSpace(ch)) {
                if (word.toString().equals("--")) {
                    return new Split(flags, line.substring(pos));
                }
                endWord();
                continue;
            }
            pos = phase == Phase.WORD ? inWord(pos) : inQuote(pos);
        }
        if (phase != Phase.SPACES && !word.toString().equals("--") && (blankOk || !word.isEmpty())) {
            flags.add(word.toString());
        }
        return new Split(flags, "");
    }

    private boolean startsFlag(int pos) {
        return line.charAt(pos) == '-' && pos + 1 < line.length() && line.charAt(pos + 1) == '-';
    }

    private void endWord() {
        phase = Phase.SPACES;
        if (blankOk || !word.isEmpty()) {
            flags.add(word.toString());
        }
        word.setLength(0);
        blankOk = false;
    }

    /** Handles one character of an unquoted flag word; returns the last position consumed. */
    private int inWord(int pos) {
        char ch = line.charAt(pos);
        if (ch == '\'' || ch == '"') {
            quote = ch;
            blankOk = true;
            phase = Phase.QUOTE;
            return pos;
        }
        return appendMaybeEscaped(pos, false);
    }

    private int inQuote(int pos) {
        if (line.charAt(pos) == quote) {
            phase = Phase.WORD;
            return pos;
        }
        return appendMaybeEscaped(pos, true);
    }

    private int appendMaybeEscaped(int pos, boolean quoted) {
        char ch = line.charAt(pos);
        if (ch == '\\') {
            if (pos + 1 == line.length()) {
                if (quoted) {
                    phase = Phase.WORD; // a trailing backslash is dropped and closes nothing
                }
                return pos;
            }
            pos++;
            ch = line.charAt(pos);
        }
        word.append(ch);
        return pos;
    }
}
