package dev.kiln.solver.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compares two recipes component by component, in words a person can act on. */
public final class RecipeDiff {
  private RecipeDiff() {}

  /** The components of {@code after} that differ from {@code before}; empty when the recipes are equal. */
  public static List<String> differences(CacheKeyRecipe before, CacheKeyRecipe after) {
    var out = new ArrayList<String>();
    if (!before.opDigest().equals(after.opDigest())) {
      // An op without inputs is a source: its key stands for what it reads (files, image, commit).
      String what = after.inputs().isEmpty() && before.inputs().isEmpty() ? "source changed: " : "op definition changed: ";
      out.add(what + before.opDigest() + " → " + after.opDigest());
    }
    if (before.outputIndex() != after.outputIndex()) {
      out.add("output index changed: " + before.outputIndex() + " → " + after.outputIndex());
    }
    if (before.inputs().size() != after.inputs().size()) {
      out.add("number of inputs changed: " + before.inputs().size() + " → " + after.inputs().size());
    }
    int common = Math.min(before.inputs().size(), after.inputs().size());
    for (int i = 0; i < common; i++) {
      input(before.inputs().get(i), after.inputs().get(i)).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<String> input(InputComponent before, InputComponent after) {
    int i = after.index();
    String where = after.selector().isEmpty() ? "" : " (" + after.selector() + ")";
    if (!before.selector().equals(after.selector())) {
      return Optional.of("input " + i + " selector changed: '" + before.selector() + "' → '"
          + after.selector() + "'");
    }
    String message = switch (before) {
      case InputComponent.ByContent(_, _, var was) when after instanceof InputComponent.ByContent c ->
          was.equals(c.contentDigest()) ? null
              : "input " + i + where + " content changed: " + was + " → " + c.contentDigest();
      case InputComponent.ByKey(_, _, var was) when after instanceof InputComponent.ByKey k ->
          was.equals(k.key()) ? null : "input " + i + where + " changed (cache key " + was + " → " + k.key() + ")";
      default -> "input " + i + where + " is now keyed by "
          + (after instanceof InputComponent.ByContent ? "content" : "definition") + " instead";
    };
    return Optional.ofNullable(message);
  }
}
