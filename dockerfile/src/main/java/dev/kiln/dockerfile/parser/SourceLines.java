package dev.kiln.dockerfile.parser;

/**
 * The physical lines of a Dockerfile, each with its line ending, numbered from 1.
 * A byte-order mark at the start of the file is dropped.
 */
final class SourceLines {

    private final String text;
    private int offset;
    private int lineNumber;

    SourceLines(String text) {
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    boolean hasNext() {
        return offset < text.length();
    }

    /** The next line including its {@code \n} (absent on an unterminated last line). */
    String next() {
        int newline = text.indexOf('\n', offset);
        int end = newline < 0 ? text.length() : newline + 1;
        String line = text.substring(offset, end);
        offset = end;
        lineNumber++;
        return line;
    }

    /** Number of the line last returned by {@link #next()}, 0 before the first. */
    int lineNumber() {
        return lineNumber;
    }

    /** Removes any trailing carriage returns and newlines. */
    static String trimNewline(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
