/**
 * The worker: everything that touches disk, processes or blobs. Sub-packages: {@code sys}
 * (syscalls through FFM), {@code fs} (file-action semantics inside a root), {@code content},
 * {@code metadata}, {@code snapshot}, {@code cache}, {@code source}, {@code ops}, {@code worker}.
 */
package dev.kiln.engine;
