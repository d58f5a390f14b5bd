package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** ENV, LABEL and ARG arguments. */
final class NameValueParser {

    static final Pattern BLANKS = Pattern.compile("[\\t\\x0B\\f\\r ]+");

    private NameValueParser() {}

    /**
     * {@code KEY value} (legacy: one pair, the value is the rest of the line) or
     * {@code k1=v1 k2=v2 ...}; either way the result is key, value, separator triples.
     */
    static ParsedArguments nameValues(String rest, String instruction, char escape)
            throws InstructionSyntaxException {
        List<String> words = WordSplitter.split(rest, escape);
        if (words.isEmpty()) {
            return ParsedArguments.NONE;
        }
        if (!words.getFirst().contains("=")) {
            String[] parts = BLANKS.split(rest, 2);
            if (parts.length < 2) {
                throw new InstructionSyntaxException(instruction + " must have two arguments");
            }
            return ParsedArguments.words(List.of(parts[0], parts[1], ""));
        }
        List<String> triples = new ArrayList<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new InstructionSyntaxException("Syntax error - can't find = in " + Text.quote(word)
                        + ". Must be of the form: name=value");
            }
            triples.addAll(List.of(word.substring(0, eq), word.substring(eq + 1), "="));
        }
        return ParsedArguments.words(triples);
    }

    /** ARG: each word is {@code name} or {@code name=value}, kept as written. */
    static ParsedArguments namesOrNameValues(String rest, char escape) {
        return ParsedArguments.words(WordSplitter.split(rest, escape));
    }
}
