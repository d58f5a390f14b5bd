package dev.kiln.dockerfile.convert;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bits of Go's {@code fmt} that end up in image history: {@code %q} of strings, string
 * slices and ints, {@code %v} of string slices and of a {@code map[string]struct{}}.
 */
final class GoFormat {

    private GoFormat() {}

    /** {@code strconv.Quote}: double quotes, Go escapes, printable Unicode kept. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> appendEscaped(b, cp, '"'));
        return b.append('"').toString();
    }

    /** {@code %q} of a {@code []string}: {@code ["a" "b"]}. */
    static String quoteList(List<String> values) {
        return values.stream().map(GoFormat::quote).collect(Collectors.joining(" ", "[", "]"));
    }

    /** {@code %v} of a {@code []string}: {@code [a b]}. */
    static String list(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    /** {@code %v} of a {@code map[string]struct{}} with sorted keys: {@code map[a:{} b:{}]}. */
    static String set(Iterable<String> sortedKeys) {
        StringBuilder b = new StringBuilder("map[");
        String sep = "";
        for (String k : sortedKeys) {
            b.append(sep).append(k).append(":{}");
            sep = " ";
        }
        return b.append(']').toString();
    }

    /** {@code %q} of an int: a quoted rune, e.g. {@code '\x03'} for 3. */
    static String quoteRune(int r) {
        StringBuilder b = new StringBuilder("'");
        appendEscaped(b, r, '\'');
        return b.append('\'').toString();
    }

    private static final Map<Integer, String> SHORT = Map.of(7, "\\a", 8, "\\b", 12, "\\f", 10, "\\n", 13, "\\r",
            9, "\\t", 11, "\\v", (int) '\\', "\\\\");

    private static void appendEscaped(StringBuilder b, int cp, char quote) {
        if (cp == quote) {
            b.append('\\').appendCodePoint(cp);
        } else if (SHORT.containsKey(cp)) {
            b.append(SHORT.get(cp));
        } else if (cp < 0x20 || cp == 0x7f) {
            b.append(String.format("\\x%02x", cp));
        } else if (cp < 0x80 || isPrintable(cp)) {
            b.appendCodePoint(cp);
        } else if (cp < 0x10000) {
            b.append(String.format("\\u%04x", cp));
        } else {
            b.append(String.format("\\U%08x", cp));
        }
    }

    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return Character.isDefined(cp) && type != Character.CONTROL && type != Character.FORMAT
                && type != Character.SURROGATE && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && (cp == ' ' || type != Character.SPACE_SEPARATOR);
    }
}
