package dev.kiln.solver;

import java.util.List;

/**
 * What a vertex does (BuildKit {@code solver.Op}). A new kind of operation is a new implementation; the
 * scheduler never changes for it. Implementations must be thread-safe: one op may be asked for its cache
 * map and executed from different threads (never both at once for the same job).
 */
public interface Op {
  /**
   * Describes how to key this op's results: its digest, and per input a selector and an optional content
   * digester. Called before any input is solved, so it must not need input results; it may block (e.g.
   * resolve an image reference). Must return one {@link CacheMap.Dep} per input.
   */
  CacheMap cacheMap(OpContext ctx) throws Exception;

  /**
   * Produces the outputs from the inputs. Runs on a virtual thread; blocking is fine, but CPU- or
   * disk-heavy work belongs in {@link OpContext#heavy}. Must answer interruption by stopping and throwing.
   *
   * <p>Ownership: {@code inputs} (one per input edge, in order) are borrowed for the duration of the call;
   * the op must {@link Result#clone()} one it wants to keep. The returned results (exactly
   * {@link Vertex#outputs()} of them, in output order) are handed to the solver.
   */
  List<Result> exec(OpContext ctx, List<Result> inputs) throws Exception;
}
