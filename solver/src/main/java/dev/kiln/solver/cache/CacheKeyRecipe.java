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
 * depends on a vertex's name, description or any other display metadata.
 */
public record CacheKeyRecipe(String opDigest, int outputIndex, List<InputComponent> inputs) {
  /** Bump when the encoding changes; old keys then simply miss. */
  public static final String NAMESPACE = "kiln.cachekey.v0";

  public CacheKeyRecipe {
    Objects.requireNonNull(opDigest, "opDigest");
    inputs = List.copyOf(inputs);
  }

  /** True when some input entered by content checksum rather than by key. */
  public boolean contentBased() {
    return inputs.stream().anyMatch(InputComponent.ByContent.class::isInstance);
  }

  /** The cache key: {@code sha256:<hex>} of {@link #encode()}. */
  public String key() {
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
}
