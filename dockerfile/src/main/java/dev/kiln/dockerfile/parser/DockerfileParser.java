package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.shell.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses Dockerfile text into instructions, like BuildKit's parser: directives,
 * line continuations, comments, flags, JSON or shell form, ENV/LABEL pairs,
 * ONBUILD/HEALTHCHECK nesting and here-documents.
 */
public final class DockerfileParser {

    private static final Set<String> HEREDOC_COMMANDS = Set.of("run", "copy", "add");

    private final SourceLines lines;
    private final DirectiveScanner directives = new DirectiveScanner();
    private final List<Node> instructions = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();

    private DockerfileParser(String text) {
        this.lines = new SourceLines(text);
    }

    /** Parses a whole Dockerfile. */
    public static ParseResult parse(String text) throws DockerfileParseException {
        return new DockerfileParser(text).run();
    }

    /** Parses and then applies the per-instruction checks of {@link DockerfileValidator}. */
    public static ParseResult parseAndValidate(String text) throws DockerfileParseException {
        ParseResult result = parse(text);
        DockerfileValidator.validate(result);
        return result;
    }

    private ParseResult run() throws DockerfileParseException {
        while (lines.hasNext()) {
            String raw = lines.next();
            collectComment(raw);
            int startLine = lines.lineNumber();
            Continuation first = Continuation.of(processLine(raw, true), directives.escapeToken());
            if (first.complete() && first.text().isEmpty()) {
                continue;
            }
            String line = joinContinuations(first);
            Node node = parseInstruction(line, startLine);
            node = readHeredocs(node, line, startLine);
            instructions.add(node.withLines(startLine, lines.lineNumber()));
            comments.clear();
        }
        if (instructions.isEmpty()) {
            throw new DockerfileParseException("file with no instructions", Math.max(1, lines.lineNumber()));
        }
        if (!warnings.isEmpty()) {
            warnings.add("[WARNING]: Empty continuation lines will become errors in a future release.");
        }
        return new ParseResult(instructions, directives.escapeToken(), directives.directives(), warnings);
    }

    /** Keeps the comment block directly above an instruction; an empty comment starts a new block. */
    private void collectComment(String raw) {
        if (!isComment(raw)) {
            return;
        }
        String comment = Text.trimSpace(Text.trimLeadingSpace(SourceLines.trimNewline(raw)).substring(1));
        if (comment.isEmpty()) {
            comments.clear();
        } else {
            comments.add(comment);
        }
    }

    /** Drops the line ending (and leading blanks on first lines), checks for directives, blanks comments. */
    private String processLine(String raw, boolean stripLeadingSpace) throws DockerfileParseException {
        String line = SourceLines.trimNewline(raw);
        if (stripLeadingSpace) {
            line = Text.trimLeadingSpace(line);
        }
        directives.examine(line, lines.lineNumber());
        return line.startsWith("#") ? "" : line;
    }

    private String joinContinuations(Continuation first) throws DockerfileParseException {
        StringBuilder line = new StringBuilder(first.text());
        boolean complete = first.complete();
        boolean sawEmptyLine = false;
        while (!complete && lines.hasNext()) {
            String raw = lines.next();
            String processed = processLine(raw, false);
            if (isComment(raw)) {
                continue;
            }
            if (Text.trimLeadingSpace(processed).isEmpty()) {
                sawEmptyLine = true;
                continue;
            }
            Continuation next = Continuation.of(processed, directives.escapeToken());
            line.append(next.text());
            complete = next.complete();
        }
        if (sawEmptyLine) {
            warnings.add("[WARNING]: Empty continuation line found in:\n    " + line);
        }
        return line.toString();
    }

    private Node parseInstruction(String line, int startLine) throws DockerfileParseException {
        try {
            return new InstructionParser(directives.escapeToken()).parse(line, comments);
        } catch (InstructionSyntaxException e) {
            throw new DockerfileParseException(e.getMessage(), startLine, lines.lineNumber());
        }
    }

    /** Reads the bodies of the here-documents the instruction opens, from the lines that follow. */
    private Node readHeredocs(Node node, String line, int startLine) throws DockerfileParseException {
        if (!canContainHeredoc(node)) {
            return node;
        }
        List<Heredoc> opened;
        try {
            opened = HeredocScanner.fromLine(line);
        } catch (InstructionSyntaxException e) {
            throw new DockerfileParseException(e.getMessage(), startLine, lines.lineNumber());
        }
        List<Heredoc> read = new ArrayList<>();
        for (Heredoc heredoc : opened) {
            read.add(readBody(heredoc, startLine));
        }
        return read.isEmpty() ? node : node.withHeredocs(read);
    }

    private Heredoc readBody(Heredoc heredoc, int startLine) throws DockerfileParseException {
        StringBuilder content = new StringBuilder();
        while (lines.hasNext()) {
            String raw = lines.next();
            String candidate = SourceLines.trimNewline(raw);
            if (heredoc.chomp()) {
                candidate = stripLeadingTabs(candidate);
            }
            if (candidate.equals(heredoc.name())) {
                return heredoc.withContent(content.toString());
            }
            content.append(raw);
        }
        throw new DockerfileParseException("unterminated heredoc", startLine, lines.lineNumber());
    }

    private static boolean canContainHeredoc(Node node) {
        Node target = node.command().equals("onbuild") ? node.trigger().orElse(node) : node;
        return HEREDOC_COMMANDS.contains(target.command()) && !target.json();
    }

    private static boolean isComment(String raw) {
        return Text.trimLeadingSpace(SourceLines.trimNewline(raw)).startsWith("#");
    }

    private static String stripLeadingTabs(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\t') {
            i++;
        }
        return s.substring(i);
    }
}
