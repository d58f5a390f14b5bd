package dev.kiln.solver;

import dev.kiln.solver.cache.CacheKeyRecipe;
import java.util.List;

/**
 * A vertex's definition-based keys, known before any input is solved.
 *
 * @param definitionRecipes one per output
 * @param ignore never look this vertex up
 * @param untrusted this vertex or an ancestor ignores the cache, so a definition-key hit could be stale
 */
record KeyedVertex(CacheMap cacheMap, List<CacheKeyRecipe> definitionRecipes, boolean ignore, boolean untrusted) {
  String definitionKey(int output) {
    return definitionRecipes.get(output).key();
  }
}
