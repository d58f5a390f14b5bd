package dev.kiln.solver.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a cache key is made of: the op's cache-map digest, the output index, and one component per input.
 * The key is the sha256 of a versioned, length-prefixed encoding of exactly these fields, so it never
 * depends on a vertex's name, description or any other display metadata. A value class (equal when the
 * three fields are) that computes its key once, since the scheduler asks for it often.
 */
public final class CacheKeyRecipe {
  /** Bump when the encoding changes; old keys then simply miss. */
  public static final String NAMESPACE = "kiln.cachekey.v0";

  private final String opDigest;
  private final int outputIndex;
  private final List<InputComponent> inputs;
  private volatile String key;

  public CacheKeyRecipe(String opDigest, int outputIndex, List<InputComponent> inputs) {
    this.opDigest = Objects.requireNonNull(opDigest, "opDigest");
    this.outputIndex = outputIndex;
    this.inputs = List.copyOf(inputs);
  }

  public String opDigest() {
    return opDigest;
  }

  public int outputIndex() {
    return outputIndex;
  }

  public List<InputComponent> inputs() {
    return inputs;
  }

  /** True when some input entered by content checksum rather than by key. */
  public boolean contentBased() {
    return inputs.stream().anyMatch(InputComponent.ByContent.class::isInstance);
  }

  /** The cache key: {@code sha256:<hex>} of {@link #encode()}. */
  public String key() {
    var cached = key;
    if (cached == null) {
      cached = hash();
      key = cached;
    }
    return cached;
  }

  private String hash() {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      return "sha256:" + HexFormat.of().formatHex(sha.digest(encode().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }

  /** The stable text that is hashed; each string is length-prefixed so no two recipes encode alike. */
  public String encode() {
    var out = new StringBuilder(NAMESPACE).append('\n');
    field(out, "op", opDigest);
    out.append("output ").append(outputIndex).append('\n');
    out.append("inputs ").append(inputs.size()).append('\n');
    for (var input : inputs) {
      switch (input) {
        case InputComponent.ByKey(int i, String selector, String key) -> {
          out.append("input ").append(i).append('\n');
          field(out, "selector", selector);
          field(out, "key", key);
        }
        case InputComponent.ByContent(int i, String selector, String digest) -> {
          out.append("input ").append(i).append('\n');
          field(out, "selector", selector);
          field(out, "content", digest);
        }
      }
    }
    return out.toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(name).append(' ').append(value.length()).append(':').append(value).append('\n');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheKeyRecipe other && other.outputIndex == outputIndex
        && other.opDigest.equals(opDigest) && other.inputs.equals(inputs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(opDigest, outputIndex, inputs);
  }

  @Override
  public String toString() {
    return "CacheKeyRecipe[op=" + opDigest + ", output=" + outputIndex + ", inputs=" + inputs + "]";
  }
}
