package dev.kiln.dockerfile.shell;

import static dev.kiln.dockerfile.shell.CodePointCursor.EOF;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Expands one word: the state of a single {@link ShellLexer} call. */
final class WordProcessor {

    /** Text produced up to a stop character, both joined and split into fields. */
    record Segment(String text, List<String> words) {}

    private final ShellLexer lexer;
    private final Map<String, String> env;
    private final CodePointCursor cursor;
    private final DollarExpander dollar;
    private final Set<String> matched = new LinkedHashSet<>();
    private final Set<String> unmatched = new LinkedHashSet<>();
    private boolean rawEscapes;

    private WordProcessor(ShellLexer lexer, String word, Map<String, String> env) {
        this.lexer = lexer;
        this.env = env;
        this.cursor = new CodePointCursor(word);
        this.dollar = new DollarExpander(this, cursor, lexer.skipUnsetEnv());
        this.rawEscapes = lexer.rawEscapes();
    }

    static ExpansionResult process(ShellLexer lexer, String word, Map<String, String> env)
            throws ShellExpansionException {
        WordProcessor processor = new WordProcessor(lexer, word, env);
        try {
            Segment all = processor.processUntil(EOF, lexer.rawEscapes());
            return new ExpansionResult(all.text(), all.words(), processor.matched, processor.unmatched);
        } catch (ShellExpansionException e) {
            throw new ShellExpansionException("failed to process " + Text.quote(word) + ": " + e.getMessage(), e);
        }
    }

    /** Processes up to (and consuming) {@code stop}, or to the end when {@code stop} is EOF. */
    Segment processUntil(int stop, boolean raw) throws ShellExpansionException {
        boolean saved = rawEscapes;
        rawEscapes = raw;
        try {
            return scanUntil(stop);
        } finally {
            rawEscapes = saved;
        }
    }

    private Segment scanUntil(int stop) throws ShellExpansionException {
        StringBuilder result = new StringBuilder();
        WordCollector words = new WordCollector();
        while (cursor.peek() != EOF) {
            int ch = cursor.peek();
            if (stop != EOF && ch == stop) {
                cursor.next();
                return new Segment(result.toString(), words.words());
            }
            if (ch == '$') {
                String value = dollar.expand();
                result.append(value);
                words.addString(value); // expanded values are split, like unquoted shell variables
            } else if (ch == '<') {
                String marker = heredocMarker();
                result.append(marker);
                words.addRawString(marker); // keeps "<<  EOF" together as one word
            } else if (!lexer.skipProcessQuotes() && (ch == '\'' || ch == '"')) {
                String quoted = ch == '\'' ? singleQuoted() : doubleQuoted();
                result.append(quoted);
                words.addRawString(quoted);
            } else if (!appendPlain(result, words)) {
                break;
            }
        }
        if (stop != EOF) {
            throw new ShellExpansionException(
                    "unexpected end of statement while looking for matching " + Character.toString(stop));
        }
        return new Segment(result.toString(), words.words());
    }

    /** Appends one ordinary or escaped character; false when a lone escape ends the input. */
    private boolean appendPlain(StringBuilder result, WordCollector words) {
        int ch = cursor.next();
        if (ch != lexer.escapeToken()) {
            words.addChar(ch);
            result.appendCodePoint(ch);
            return true;
        }
        if (rawEscapes) {
            words.addRawChar(ch);
            result.appendCodePoint(ch);
        }
        int escaped = cursor.next();
        if (escaped == EOF) {
            return false;
        }
        words.addRawChar(escaped);
        result.appendCodePoint(escaped);
        return true;
    }

    /** A {@code <}, or {@code <<} with the blanks after it, which belong to the here-document word. */
    private String heredocMarker() {
        cursor.next();
        if (cursor.peek() != '<') {
            return "<";
        }
        cursor.next();
        StringBuilder marker = new StringBuilder("<<");
        while (cursor.peek() == ' ' || cursor.peek() == '\t' || cursor.peek() == '\r') {
            marker.appendCodePoint(cursor.next());
        }
        return marker.toString();
    }

    /** Everything up to the next single quote is literal; nothing can be escaped. */
    private String singleQuoted() throws ShellExpansionException {
        StringBuilder out = new StringBuilder();
        appendQuoteIfRaw(out, cursor.next());
        while (true) {
            int ch = cursor.next();
            if (ch == EOF) {
                throw new ShellExpansionException(
                        "unexpected end of statement while looking for matching single-quote");
            }
            if (ch == '\'') {
                appendQuoteIfRaw(out, ch);
                return out.toString();
            }
            out.appendCodePoint(ch);
        }
    }

    /** Literal except {@code $} expansion and escapes of {@code "}, {@code $} and the escape token. */
    private String doubleQuoted() throws ShellExpansionException {
        StringBuilder out = new StringBuilder();
        appendQuoteIfRaw(out, cursor.next());
        while (true) {
            int ch = cursor.peek();
            if (ch == EOF) {
                throw new ShellExpansionException(
                        "unexpected end of statement while looking for matching double-quote");
            }
            if (ch == '"') {
                appendQuoteIfRaw(out, cursor.next());
                return out.toString();
            }
            if (ch == '$') {
                out.append(dollar.expand());
                continue;
            }
            appendDoubleQuotedChar(out);
        }
    }

    private void appendDoubleQuotedChar(StringBuilder out) {
        int ch = cursor.next();
        if (ch == lexer.escapeToken()) {
            if (rawEscapes) {
                out.appendCodePoint(ch);
            }
            int following = cursor.peek();
            if (following == EOF) {
                return; // the caller reports the missing closing quote
            }
            if (following == '"' || following == '$' || following == lexer.escapeToken()) {
                ch = cursor.next();
            }
        }
        out.appendCodePoint(ch);
    }

    private void appendQuoteIfRaw(StringBuilder out, int quote) {
        if (lexer.rawQuotes()) {
            out.appendCodePoint(quote);
        }
    }

    /** Reads a variable name: letters, digits and {@code _}, all digits, or one special parameter. */
    String readName() {
        StringBuilder name = new StringBuilder();
        while (cursor.peek() != EOF) {
            int ch = cursor.peek();
            if (name.isEmpty() && Character.isDigit(ch)) {
                while (Character.isDigit(cursor.peek())) {
                    name.appendCodePoint(cursor.next());
                }
                return name.toString();
            }
            if (name.isEmpty() && isSpecialParameter(ch)) {
                return Character.toString(cursor.next());
            }
            if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                break;
            }
            name.appendCodePoint(cursor.next());
        }
        return name.toString();
    }

    private static boolean isSpecialParameter(int ch) {
        return switch (ch) {
            case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
            default -> false;
        };
    }

    /** The variable's value, or null when unset. */
    String lookup(String name) {
        if (env.containsKey(name)) {
            matched.add(name);
            String value = env.get(name);
            return value == null ? "" : value;
        }
        unmatched.add(name);
        return null;
    }
}
