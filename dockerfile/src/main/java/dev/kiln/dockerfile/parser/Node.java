package dev.kiln.dockerfile.parser;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One instruction of a Dockerfile.
 *
 * @param name      the instruction keyword as written ({@code RUN}, {@code run}, ...)
 * @param flags     leading {@code --flag[=value]} words, quotes removed
 * @param arguments the arguments, shaped per instruction (words, JSON elements, key/value/separator triples)
 * @param json      whether the arguments came from the JSON (exec) form
 * @param heredocs  here-documents opened on this instruction's line, in order
 * @param original  the instruction text after joining continuation lines
 * @param comments  comment lines directly above the instruction
 * @param startLine first line (1-based)
 * @param endLine   last line (1-based), including continuation and here-document lines
 */
public record Node(
        String name,
        List<String> flags,
        List<Argument> arguments,
        boolean json,
        List<Heredoc> heredocs,
        String original,
        List<String> comments,
        int startLine,
        int endLine) {

    public Node {
        flags = List.copyOf(flags);
        arguments = List.copyOf(arguments);
        heredocs = List.copyOf(heredocs);
        comments = List.copyOf(comments);
    }

    /** The instruction keyword in lower case, e.g. {@code run}. */
    public String command() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The string arguments, in order (a nested ONBUILD trigger is not included). */
    public List<String> words() {
        return arguments.stream()
                .flatMap(a -> a instanceof Argument.Text(String value) ? Stream.of(value)
                        : Stream.empty())
                .toList();
    }

    /** The trigger instruction of an ONBUILD. */
    public Optional<Node> trigger() {
        return arguments.stream()
                .flatMap(a -> a instanceof Argument.Nested(Node inner) ? Stream.of(inner)
                        : Stream.empty())
                .findFirst();
    }

    /** ENV and LABEL arguments grouped as (key, value, separator) triples. */
    public List<KeyValue> keyValues() {
        List<String> words = words();
        return IntStream.range(0, words.size() / 3)
                .mapToObj(i -> new KeyValue(words.get(3 * i), words.get(3 * i + 1), words.get(3 * i + 2)))
                .toList();
    }

    /** This node in BuildKit's s-expression form, e.g. {@code (copy ["--chown=me"] "a" "/b")}. */
    public String dump() {
        return NodeDumper.dump(this);
    }

    /** This instruction placed at other lines (an ONBUILD trigger is placed at the FROM that runs it). */
    public Node withLines(int start, int end) {
        return new Node(name, flags, arguments, json, heredocs, original, comments, start, end);
    }

    Node withHeredocs(List<Heredoc> docs) {
        return new Node(name, flags, arguments, json, docs, original, comments, startLine, endLine);
    }

    /**
     * One ENV or LABEL assignment.
     *
     * @param separator {@code "="} for {@code key=value}, {@code ""} for the legacy {@code KEY value} form
     */
    public record KeyValue(String key, String value, String separator) {}
}
