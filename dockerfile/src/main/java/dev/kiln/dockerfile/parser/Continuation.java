package dev.kiln.dockerfile.parser;

/**
 * One physical line with a trailing line-continuation escape removed.
 *
 * @param text     the line without the continuation escape and the blanks after it
 * @param complete false when the line continues on the next one
 */
record Continuation(String text, boolean complete) {

    /**
     * The line continues when its last non-blank character is the escape token and
     * that token is not itself escaped (as in {@code C:\\}), like BuildKit.
     */
    static Continuation of(String line, char escape) {
        int last = line.length() - 1;
        while (last >= 0 && (line.charAt(last) == ' ' || line.charAt(last) == '\t')) {
            last--;
        }
        if (last < 0 || line.charAt(last) != escape) {
            return new Continuation(line, true);
        }
        if (last > 0 && line.charAt(last - 1) == escape) {
            return new Continuation(line, true);
        }
        return new Continuation(line.substring(0, last), false);
    }
}
