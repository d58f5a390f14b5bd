package dev.kiln.llb;

/**
 * One output of a vertex. {@code slot} identifies the output inside its vertex (for an exec, the
 * mount it belongs to); the wire output index is resolved only when the graph is marshalled,
 * because an exec's outputs are numbered by its mounts sorted by destination.
 */
public record Output(Vertex vertex, int slot) {}
