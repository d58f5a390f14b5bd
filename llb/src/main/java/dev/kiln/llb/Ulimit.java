package dev.kiln.llb;

/** A resource limit for an exec, e.g. {@code nofile} 1024/4096. */
public record Ulimit(String name, long soft, long hard) {}
