package dev.kiln.dockerfile.parser;

/**
 * A parser directive from the top of the file, e.g. {@code # syntax=docker/dockerfile:1}.
 *
 * @param name  the directive key, lower-cased: {@code syntax}, {@code escape} or {@code check}
 * @param value the value, trimmed
 * @param line  the 1-based line it was found on
 */
public record Directive(String name, String value, int line) {}
