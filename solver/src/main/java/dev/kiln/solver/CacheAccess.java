package dev.kiln.solver;

import dev.kiln.solver.cache.CacheKeyRecipe;
import dev.kiln.solver.cache.CacheKeyStorage;
import dev.kiln.solver.cache.CacheRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks vertex outputs up in, and saves them to, the cache key storage. Thread-safe. */
record CacheAccess(CacheKeyStorage storage, ResultLoader loader) {
  /**
   * Loads every output of a vertex by its recipes, or nothing: a vertex is a hit only if all its outputs
   * are. A record whose result is gone is dropped. The returned handles are owned by the caller.
   */
  Optional<List<Result>> lookup(List<CacheKeyRecipe> recipes) throws Exception {
    var loaded = new ArrayList<Result>(recipes.size());
    try {
      for (var recipe : recipes) {
        var record = storage.load(recipe.key());
        if (record.isEmpty()) {
          return release(loaded);
        }
        var result = loader.load(record.get().resultId());
        if (result.isEmpty()) {
          storage.removeResult(record.get().resultId());
          return release(loaded);
        }
        loaded.add(result.get());
      }
      return Optional.of(List.copyOf(loaded));
    } catch (Exception | Error e) {
      release(loaded);
      throw e;
    }
  }

  /** Saves each output under each of its keys, with the recipe that explains the key. */
  void save(Vertex vertex, List<Result> outputs, List<CacheKeyRecipe> definition, List<CacheKeyRecipe> content) {
    var now = Instant.now();
    for (int i = 0; i < outputs.size(); i++) {
      String resultId = outputs.get(i).id();
      storage.save(new CacheRecord(definition.get(i).key(), resultId, now, vertex.digest(), definition.get(i)));
      if (!content.get(i).equals(definition.get(i))) {
        storage.save(new CacheRecord(content.get(i).key(), resultId, now, vertex.digest(), content.get(i)));
      }
    }
  }

  private static Optional<List<Result>> release(List<Result> loaded) {
    loaded.forEach(Result::release);
    return Optional.empty();
  }
}
