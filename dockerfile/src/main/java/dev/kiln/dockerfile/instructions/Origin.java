package dev.kiln.dockerfile.instructions;

/**
 * Where an instruction came from.
 *
 * @param code      the instruction text as written (continuation lines joined), BuildKit's {@code String()}
 * @param startLine first line, 1-based
 * @param endLine   last line, 1-based
 */
public record Origin(String code, int startLine, int endLine) {}
