package dev.kiln.solver;

/**
 * Computes a checksum of the part of an input result an op actually reads (e.g. the paths a COPY takes),
 * so that equal content gives equal cache keys whatever produced it (BuildKit {@code ComputeDigestFunc}).
 * Called only after the definition-based key missed, with the input already solved.
 */
@FunctionalInterface
public interface ContentDigester {
  /**
   * @param input borrowed for the call; do not release
   * @return a digest such as {@code sha256:<hex>}
   */
  String digest(OpContext ctx, Result input) throws Exception;
}
