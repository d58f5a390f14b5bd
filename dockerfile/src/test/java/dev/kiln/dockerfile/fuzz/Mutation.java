package dev.kiln.dockerfile.fuzz;

import java.util.List;

/**
 * One edit of a Dockerfile's text, at a position given as a fraction of the text (so edits stay
 * valid whatever the seed's length and shrink well).
 *
 * @param kind     what to do
 * @param where    position, 0 ≤ where &lt; 1, of the character or line to edit
 * @param length   how many characters an edit spans
 * @param snippet  index into {@link #SNIPPETS} for insertions
 */
record Mutation(Kind kind, double where, int length, int snippet) {

    enum Kind { INSERT_SNIPPET, DELETE_CHARS, DUPLICATE_CHARS, DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, INSERT_LINE }

    /** Fragments that matter to the parser, the shell lexer and the flag parsers. */
    static final List<String> SNIPPETS = List.of("\\", "\\\n", "\n", " ", "\t", "\r", "\"", "'", "`", "$", "${",
            "}", "${A:-x}", "${A:+y}", "${A?err}", "${A#*}", "${A%%x}", "${A/x/y}", "$(", "[", "]", "[\"",
            "\",", "{", "#", "# escape=`\n", "# escape=\\\n", "# syntax=docker/dockerfile:1\n", "<<EOF", "<<-EOF",
            "<<'EOF'", "<<\"EOF\"", "\nEOF\n", "EOF", "--", "--from=", "--from=0", "--from=build", "--from=9",
            "--chown=", "--chown=1:1", "--chmod=", "--chmod=777", "--link", "--parents", "--exclude=", "--exclude=*",
            "--mount=", "--mount=type=cache,target=/c", "--mount=type=bind,from=0,target=/b", "--mount=type=secret",
            "--mount=type=ssh", "--mount=type=tmpfs,size=1k", "--network=none", "--security=insecure",
            "--platform=", "--platform=linux/arm64", "--platform=$TARGETPLATFORM", "--interval=", "--retries=x",
            "--checksum=sha256:", "--keep-git-dir", "=", ",", ":", "/", "./", "*", "?", "\u0000", "\u00e9",
            "\ud83d\ude00", "FROM scratch\n", "FROM busybox AS b\n", "ARG A\n", "ARG A=1\n", "ONBUILD ",
            "HEALTHCHECK ", "CMD ", "RUN ", "COPY ", "ADD ", "ENV ", "LABEL ", "WORKDIR ", "USER ", "EXPOSE ",
            "SHELL ", "VOLUME ", "STOPSIGNAL ", "MAINTAINER ", "ARG ", "FROM ", "AS ", "https://x/y.tgz",
            "git@github.com:a/b.git#main:sub", "missing-image",
            // Deep nesting and long runs, for stack depth and quadratic behaviour.
            "${A:-".repeat(3000) + "}".repeat(3000), "[".repeat(3000), "\\\n".repeat(500), "$".repeat(5000),
            "'\"".repeat(2000), "<<EOF ".repeat(200));

    /** A random edit; mostly small, so most inputs get past the parser into the converter. */
    static Mutation random(java.util.Random r) {
        Kind[] kinds = Kind.values();
        return new Mutation(kinds[r.nextInt(kinds.length)], r.nextInt(10_000) / 10_000.0, 1 + r.nextInt(12), r.nextInt(1001));
    }

    /** One, two or five random edits applied in order. */
    static String mutate(String text, java.util.Random r) {
        int roll = r.nextInt(10);
        int n = roll < 6 ? 1 : roll < 9 ? 2 : 5;
        for (int i = 0; i < n; i++) {
            text = random(r).apply(text);
        }
        return text;
    }

    String apply(String text) {
        return switch (kind) {
            case INSERT_SNIPPET -> {
                int at = charIndex(text, true);
                yield text.substring(0, at) + SNIPPETS.get(snippet % SNIPPETS.size()) + text.substring(at);
            }
            case DELETE_CHARS -> {
                int at = charIndex(text, false);
                yield text.substring(0, at) + text.substring(Math.min(text.length(), at + length));
            }
            case DUPLICATE_CHARS -> {
                int at = charIndex(text, false);
                int end = Math.min(text.length(), at + length);
                yield text.substring(0, end) + text.substring(at, end) + text.substring(end);
            }
            case DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, INSERT_LINE -> lineEdit(text);
        };
    }

    private String lineEdit(String text) {
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        int i = (int) (where * lines.size());
        switch (kind) {
            case DELETE_LINE -> lines.remove(i);
            case DUPLICATE_LINE -> lines.add(i, lines.get(i));
            case SWAP_LINES -> java.util.Collections.swap(lines, i, (i + length) % lines.size());
            default -> lines.add(i, SNIPPETS.get(snippet % SNIPPETS.size()).strip());
        }
        return String.join("\n", lines);
    }

    /** A character index; with {@code inclusiveEnd} the end of the text is a valid insertion point. */
    private int charIndex(String text, boolean inclusiveEnd) {
        int n = text.length() + (inclusiveEnd ? 1 : 0);
        return n == 0 ? 0 : Math.min((int) (where * n), inclusiveEnd ? text.length() : Math.max(0, text.length() - 1));
    }
}
