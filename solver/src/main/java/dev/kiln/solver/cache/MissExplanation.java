package dev.kiln.solver.cache;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why a cache key missed: the recipe it was computed from, the most recent comparable record (same vertex
 * digest, else same op digest), and the components that differ, each a sentence for a person.
 */
public record MissExplanation(CacheKeyRecipe current, Optional<CacheRecord> previous, List<String> differences) {
  private static final Pattern LONG_DIGEST = Pattern.compile("(sha256:[0-9a-f]{12})[0-9a-f]{52}");

  public MissExplanation {
    differences = List.copyOf(differences);
  }

  /** Compares {@code current} with the newest record in {@code storage} that is comparable to it. */
  public static MissExplanation explain(CacheKeyStorage storage, String vertexDigest, CacheKeyRecipe current) {
    String key = current.key();
    var previous = newestOther(storage.findByVertex(vertexDigest), key, current)
        .or(() -> newestOther(storage.findByOp(current.opDigest()), key, current));
    var differences = previous
        .map(p -> RecipeDiff.differences(p.recipe(), current))
        .orElse(List.of("no earlier build of this vertex or op is recorded"));
    return new MissExplanation(current, previous, differences);
  }

  @Override
  public String toString() {
    return String.join("; ", differences);
  }

  /** The differences on one line with digests cut to 12 hex digits, for a progress log. */
  public String summary() {
    return LONG_DIGEST.matcher(toString()).replaceAll("$1…");
  }

  private static Optional<CacheRecord> newestOther(List<CacheRecord> records, String key, CacheKeyRecipe current) {
    // Prefer a record of the same kind (definition vs content) and output, so the comparison is like for like.
    var others = records.stream().filter(r -> !r.key().equals(key)).toList();
    return others.stream()
        .filter(r -> r.recipe().contentBased() == current.contentBased()
            && r.recipe().outputIndex() == current.outputIndex())
        .findFirst()
        .or(() -> others.stream().findFirst());
  }
}
