package dev.kiln.dockerfile.parser;

/**
 * A here-document attached to a RUN, COPY or ADD instruction.
 *
 * @param name           the delimiter word, quotes removed
 * @param fileDescriptor the number written before {@code <<}, 0 when absent
 * @param expand         false when any part of the delimiter was quoted: the content is not expanded
 * @param chomp          true for {@code <<-}: leading tabs are stripped from the content
 * @param content        the lines between the instruction and the delimiter, line endings kept, tabs not yet stripped
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content) {

    /**
     * The here-document a single argument word opens ({@code <<EOF}, {@code <<-"EOF"}, …), with empty
     * content; empty when the word is not exactly one here-document marker.
     */
    public static java.util.Optional<Heredoc> fromWord(String word) {
        try {
            return HeredocScanner.fromWord(word);
        } catch (InstructionSyntaxException e) {
            return java.util.Optional.empty();
        }
    }

    Heredoc withContent(String newContent) {
        return new Heredoc(name, fileDescriptor, expand, chomp, newContent);
    }

    /** The content as the instruction sees it: with {@code <<-}, leading tabs removed from every line. */
    public String effectiveContent() {
        return chomp ? stripLeadingTabs(content) : content;
    }

    private static String stripLeadingTabs(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean atLineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (atLineStart && c == '\t') {
                continue;
            }
            out.append(c);
            atLineStart = c == '\n';
        }
        return out.toString();
    }
}
