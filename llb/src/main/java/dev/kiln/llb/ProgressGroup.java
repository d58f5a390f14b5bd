package dev.kiln.llb;

/** Groups vertices under one line of progress output; a weak group does not hold its members together. */
public record ProgressGroup(String id, String name, boolean weak) {}
