package dev.kiln.dockerfile.convert;

/** An {@code add-hosts} entry given to every RUN. */
public record ExtraHost(String host, String ip) {}
