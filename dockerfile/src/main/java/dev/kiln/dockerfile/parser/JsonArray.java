package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the JSON (exec) form of an instruction. Strict JSON, as BuildKit's decoder
 * accepts it: anything that is not a complete, valid JSON array is {@link Invalid},
 * and the caller falls back to the shell form.
 */
final class JsonArray {

    /** The three ways an argument string can look. */
    sealed interface Outcome permits Strings, NotStrings, Invalid {}

    /** A valid array of strings. */
    record Strings(List<String> values) implements Outcome {}

    /** Valid JSON array with an element that is not a string: an error, not shell form. */
    record NotStrings() implements Outcome {}

    /** Not a JSON array at all. */
    record Invalid() implements Outcome {}

    private static final int MAX_DEPTH = 10_000;
    private static final Object NON_STRING = new Object();

    /** Signals malformed JSON; cheap because it is part of normal control flow. */
    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private int pos;

    private JsonArray(String text) {
        this.text = text;
    }

    static Outcome parse(String rest) {
        String trimmed = Text.trimLeadingSpace(rest);
        if (!trimmed.startsWith("[")) {
            return new Invalid();
        }
        JsonArray reader = new JsonArray(trimmed);
        try {
            List<Object> elements = reader.readArray(0);
            reader.skipWhitespace();
            if (reader.pos != trimmed.length()) {
                return new Invalid();
            }
            if (!elements.stream().allMatch(String.class::isInstance)) {
                return new NotStrings();
            }
            return new Strings(elements.stream().map(String.class::cast).toList());
        } catch (Malformed e) {
            return new Invalid();
        }
    }

    /** Reads any value; strings are returned as such, everything else as a marker (or list). */
    private Object readValue(int depth) throws Malformed {
        skipWhitespace();
        if (pos >= text.length()) {
            throw new Malformed();
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '"' -> readString();
            case '[', '{' -> skipNested(depth);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private String readString() throws Malformed {
        StringBuilder out = new StringBuilder();
        int end = JsonStrings.decode(text, pos, out);
        if (end < 0) {
            throw new Malformed();
        }
        pos = end;
        return out.toString();
    }

    private List<Object> readArray(int depth) throws Malformed {
        checkDepth(depth);
        pos++; // '['
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return elements;
        }
        while (true) {
            elements.add(readValue(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return elements;
            }
            if (c != ',') {
                throw new Malformed();
            }
        }
    }

    /**
     * Validates a nested array or object (never a string, so only its syntax matters) with an
     * explicit stack: Go's decoder allows {@value #MAX_DEPTH} levels, more than recursion on a
     * default Java thread stack survives.
     */
    private Object skipNested(int depth) throws Malformed {
        Deque<Character> open = new ArrayDeque<>();
        boolean pending = push(open, depth); // true: an element (or key) is expected
        while (!open.isEmpty()) {
            if (pending) {
                pending = element(open, depth);
                continue;
            }
            skipWhitespace();
            char c = next();
            if (c == ',') {
                pending = true;
            } else if (c == closer(open.peek())) {
                open.pop();
            } else {
                throw new Malformed();
            }
        }
        return NON_STRING;
    }

    /** Reads one element (an object member with its key); returns whether another is expected at once. */
    private boolean element(Deque<Character> open, int depth) throws Malformed {
        skipWhitespace();
        if (open.peek() == '{') {
            if (peek() != '"') {
                throw new Malformed();
            }
            readString();
            skipWhitespace();
            if (next() != ':') {
                throw new Malformed();
            }
            skipWhitespace();
        }
        char c = peek();
        if (c == '[' || c == '{') {
            return push(open, depth);
        }
        readScalar();
        return false;
    }

    /** Opens a container at {@code pos}; returns whether an element must follow (it is not empty). */
    private boolean push(Deque<Character> open, int depth) throws Malformed {
        char c = next();
        open.push(c);
        checkDepth(depth + open.size());
        skipWhitespace();
        if (peek() == closer(c)) {
            pos++;
            open.pop();
            return false;
        }
        return true;
    }

    private void readScalar() throws Malformed {
        switch (peek()) {
            case '"' -> readString();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            case '\0' -> throw new Malformed();
            default -> number();
        }
    }

    private static char closer(char open) {
        return open == '[' ? ']' : '}';
    }

    private Object literal(String word) throws Malformed {
        if (!text.startsWith(word, pos)) {
            throw new Malformed();
        }
        pos += word.length();
        return NON_STRING;
    }

    private Object number() throws Malformed {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw new Malformed();
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw new Malformed();
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw new Malformed();
            }
        }
        // A number too large for a double fails decoding as a whole, like the reference decoder.
        if (Double.isInfinite(Double.parseDouble(text.substring(start, pos)))) {
            throw new Malformed();
        }
        return NON_STRING;
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws Malformed {
        if (pos >= text.length()) {
            throw new Malformed();
        }
        return text.charAt(pos++);
    }

    private static void checkDepth(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed();
        }
    }
}
