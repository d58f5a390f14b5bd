package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.ShellExpansionException;
import dev.kiln.dockerfile.shell.ShellLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the here-documents ({@code <<EOF}, {@code <<-EOF}, {@code 3<<"EOF"}, {@code << EOF})
 * opened on a line.
 */
final class HeredocScanner {

    private static final Pattern HEREDOC = Pattern.compile("([0-9]*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)", Pattern.DOTALL);

    /** Splits the line into words without losing quotes or escapes, nor expanding variables. */
    private static final ShellLexer LINE_LEXER =
            new ShellLexer('\\').withRawQuotes(true).withRawEscapes(true).withSkipUnsetEnv(true);

    private static final ShellLexer NAME_LEXER = new ShellLexer('\\').withSkipUnsetEnv(true);

    private HeredocScanner() {}

    /** The here-documents opened on {@code line}, in order, with empty content. */
    static List<Heredoc> fromLine(String line) throws InstructionSyntaxException {
        List<String> words;
        try {
            words = LINE_LEXER.processWords(line, Map.of());
        } catch (ShellExpansionException e) {
            return List.of(); // an unbalanced quote: no here-documents, like BuildKit
        }
        List<Heredoc> heredocs = new ArrayList<>();
        for (String word : words) {
            fromWord(word).ifPresent(heredocs::add);
        }
        return heredocs;
    }

    /** The here-document a single word opens, if it has the {@code [n]<<[-]NAME} shape. */
    static Optional<Heredoc> fromWord(String word) throws InstructionSyntaxException {
        Matcher m = HEREDOC.matcher(word);
        if (!m.matches() || m.group(3).isEmpty()) {
            return Optional.empty();
        }
        String rest = m.group(3);
        try {
            List<String> names = NAME_LEXER.processWords(rest, Map.of());
            if (names.size() != 1) {
                return Optional.empty();
            }
            List<String> rawNames = NAME_LEXER.withRawQuotes(true).processWords(rest, Map.of());
            if (rawNames.size() != 1) {
                throw new InstructionSyntaxException(
                        "internal lexing of heredoc produced inconsistent results: " + rest);
            }
            // Quotes that disappear when processed mean part of the name was quoted: no expansion.
            boolean expand = quoteCount(names.getFirst()) == quoteCount(rawNames.getFirst());
            return Optional.of(new Heredoc(names.getFirst(), fileDescriptor(m.group(1)), expand,
                    m.group(2).equals("-"), ""));
        } catch (ShellExpansionException e) {
            throw new InstructionSyntaxException(e.getMessage());
        }
    }

    private static long quoteCount(String s) {
        return s.chars().filter(c -> c == '\'' || c == '"').count();
    }

    private static int fileDescriptor(String digits) {
        try {
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
