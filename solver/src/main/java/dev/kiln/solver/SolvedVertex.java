package dev.kiln.solver;

import dev.kiln.solver.cache.CacheKeyRecipe;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A vertex solved within a job. The job owns {@code outputs} until it closes.
 *
 * @param finalRecipes the recipes dependents build on: content-based where the vertex was keyed by
 *     content, else equal to {@code definitionRecipes}
 */
record SolvedVertex(List<Result> outputs, List<CacheKeyRecipe> definitionRecipes,
    List<CacheKeyRecipe> finalRecipes, boolean cached) {
  String finalKey(int output) {
    return finalRecipes.get(output).key();
  }

  /** Definition key first, then the content key when it differs. */
  List<String> keys(int output) {
    var keys = new LinkedHashSet<String>();
    keys.add(definitionRecipes.get(output).key());
    keys.add(finalKey(output));
    return List.copyOf(keys);
  }

  void release() {
    outputs.forEach(Result::release);
  }
}
