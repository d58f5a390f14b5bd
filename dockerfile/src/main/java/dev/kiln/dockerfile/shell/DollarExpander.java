package dev.kiln.dockerfile.shell;

import static dev.kiln.dockerfile.shell.CodePointCursor.EOF;

/** Expands {@code $NAME} and the {@code ${NAME...}} forms, with their modifiers. */
final class DollarExpander {

    /**
     * Nesting limit for {@code ${A:-${B:-…}}}: each level recurses, and Java's fixed thread stacks
     * (unlike Go's growable ones) would overflow on pathological input long before BuildKit fails.
     */
    static final int MAX_DEPTH = 100;

    private final WordProcessor processor;
    private final CodePointCursor cursor;
    private final boolean skipUnsetEnv;
    private int depth;

    DollarExpander(WordProcessor processor, CodePointCursor cursor, boolean skipUnsetEnv) {
        this.processor = processor;
        this.cursor = cursor;
        this.skipUnsetEnv = skipUnsetEnv;
    }

    /** Expands the reference starting at the current {@code $}. */
    String expand() throws ShellExpansionException {
        cursor.next();
        if (cursor.peek() != '{') {
            return simple();
        }
        if (depth >= MAX_DEPTH) {
            throw new ShellExpansionException("variable expansions nested more than " + MAX_DEPTH + " levels deep");
        }
        depth++;
        try {
            return bracedExpansion();
        } finally {
            depth--;
        }
    }

    private String bracedExpansion() throws ShellExpansionException {
        cursor.next();
        switch (cursor.peek()) {
            case EOF -> throw missingBrace();
            case '{', '}', ':' -> throw new ShellExpansionException("syntax error: bad substitution");
            default -> { }
        }
        String name = processor.readName();
        int op = cursor.next();
        return switch (op) {
            case '}' -> braced(name);
            case ':' -> {
                int modifier = cursor.next();
                yield modified(name, modifier, ":" + symbol(modifier), true);
            }
            case '+', '-', '?', '#', '%' -> modified(name, op, symbol(op), false);
            case '/' -> replaced(name);
            case EOF -> throw missingBrace();
            default -> throw unsupported(symbol(op));
        };
    }

    private String simple() {
        String name = processor.readName();
        if (name.isEmpty()) {
            return "$";
        }
        String value = processor.lookup(name);
        if (value == null) {
            return skipUnsetEnv ? "$" + name : "";
        }
        return value;
    }

    private String braced(String name) {
        String value = processor.lookup(name);
        if (value == null) {
            return skipUnsetEnv ? "${" + name + "}" : "";
        }
        return value;
    }

    /** {@code ${NAME-word}}, {@code ${NAME:+word}}, {@code ${NAME#pattern}} and friends. */
    private String modified(String name, int op, String symbol, boolean nullIsUnset)
            throws ShellExpansionException {
        // Patterns keep their escapes so that \* and \? stay literal when matched.
        String word = wordUntil('}', op == '#' || op == '%', "syntax error: missing '}'");
        String value = processor.lookup(name);
        if (value == null && skipUnsetEnv) {
            return "${" + name + symbol + word + "}";
        }
        boolean unset = value == null || (nullIsUnset && value.isEmpty());
        return switch (op) {
            case '-' -> unset ? word : value;
            case '+' -> unset ? "" : word;
            case '?' -> required(name, value, word, nullIsUnset);
            case '#', '%' -> trimmed(op, word, value == null ? "" : value);
            default -> throw unsupported(symbol);
        };
    }

    private static String required(String name, String value, String word, boolean nullIsUnset)
            throws ShellExpansionException {
        if (value == null) {
            throw new ShellExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
        }
        if (nullIsUnset && value.isEmpty()) {
            throw new ShellExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
        }
        return value;
    }

    /** {@code #}/{@code %} remove the shortest matching prefix/suffix, doubled the longest. */
    private static String trimmed(int op, String pattern, String value) throws ShellExpansionException {
        boolean greedy = !pattern.isEmpty() && pattern.codePointAt(0) == op;
        String glob = greedy ? pattern.substring(1) : pattern;
        return op == '%'
                ? ShellPattern.trimSuffix(glob, value, greedy)
                : ShellPattern.trimPrefix(glob, value, greedy);
    }

    /** {@code ${NAME/pattern/replacement}} and {@code ${NAME//pattern/replacement}}. */
    private String replaced(String name) throws ShellExpansionException {
        boolean all = cursor.peek() == '/';
        if (all) {
            cursor.next();
        }
        String pattern = wordUntil('/', true, "syntax error: missing '/' in ${}");
        String replacement = wordUntil('}', true, "syntax error: missing '}'");
        String value = processor.lookup(name);
        if (value == null && skipUnsetEnv) {
            return "${" + name + "/" + pattern + "/" + replacement + "}";
        }
        return ShellPattern.replace(value == null ? "" : value, pattern, replacement, all);
    }

    private String wordUntil(int stop, boolean rawEscapes, String missingMessage) throws ShellExpansionException {
        try {
            return processor.processUntil(stop, rawEscapes).text();
        } catch (ShellExpansionException e) {
            if (cursor.peek() == EOF) {
                throw new ShellExpansionException(missingMessage, e);
            }
            throw e;
        }
    }

    private static String symbol(int cp) {
        return cp == EOF ? "" : Character.toString(cp);
    }

    private static ShellExpansionException missingBrace() {
        return new ShellExpansionException("syntax error: missing '}'");
    }

    private static ShellExpansionException unsupported(String symbol) {
        return new ShellExpansionException("unsupported modifier (" + symbol + ") in substitution");
    }
}
