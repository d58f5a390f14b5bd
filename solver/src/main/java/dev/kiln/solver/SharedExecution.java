package dev.kiln.solver;

import dev.kiln.solver.cache.CacheKeyRecipe;
import dev.kiln.solver.cache.MissExplanation;
import dev.kiln.solver.progress.VertexEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The part of solving a vertex that runs once per cache key across all jobs (inside a flight): the
 * content-key lookup, else the op's execution and saving its outputs under every key.
 */
record SharedExecution(Vertex vertex, KeyedVertex keys, List<CacheKeyRecipe> finalRecipes, InputHandoff inputs,
    CacheAccess cache, HeavyWorkLimiter limiter) {

  /** Looks up the content key unless that is pointless, as the definition key was untrusted and equal. */
  boolean looksUp() {
    return !keys.ignore() && (!keys.untrusted() || !finalRecipes.equals(keys.definitionRecipes()));
  }

  Outcome run(Consumer<? super VertexEvent> progress) throws Exception {
    var taken = inputs.take();
    try {
      if (looksUp()) {
        var hit = cache.lookup(finalRecipes);
        if (hit.isPresent()) {
          // Link the definition keys too, so the next build hits without solving the inputs.
          cache.save(vertex, hit.get(), keys.definitionRecipes(), finalRecipes);
          progress.accept(new VertexEvent.Cached(Instant.now()));
          return new Outcome(hit.get(), true);
        }
      }
      return execute(taken, progress);
    } finally {
      taken.forEach(Result::release);
    }
  }

  /**
   * Says why the cache missed, as a log line of the vertex, when an earlier record of the same vertex
   * or op exists to compare with. Only runs for vertices about to execute, so cached builds pay
   * nothing; recipes hold digests and selectors only, never file contents or secret values.
   */
  private void explainMiss(Consumer<? super VertexEvent> progress) {
    var explanation = MissExplanation.explain(cache.storage(), vertex.digest(), finalRecipes.getFirst());
    if (explanation.previous().isEmpty() || explanation.differences().isEmpty()) return;
    byte[] line = ("cache miss: " + explanation.summary() + "\n").getBytes(StandardCharsets.UTF_8);
    progress.accept(new VertexEvent.Log(Instant.now(), 2, line));
  }

  private Outcome execute(List<Result> taken, Consumer<? super VertexEvent> progress) throws Exception {
    var started = Instant.now();
    progress.accept(new VertexEvent.Started(started));
    try {
      if (looksUp()) explainMiss(progress);
      var outputs = List.copyOf(vertex.op().exec(new VertexContext(vertex, progress, limiter), taken));
      if (outputs.size() != vertex.outputs()) {
        outputs.forEach(Result::release);
        throw new IllegalStateException("op returned " + outputs.size() + " results, vertex declares "
            + vertex.outputs() + " outputs");
      }
      cache.save(vertex, outputs, keys.definitionRecipes(), finalRecipes);
      progress.accept(new VertexEvent.Completed(started, Instant.now()));
      return new Outcome(outputs, false);
    } catch (Exception | Error e) {
      progress.accept(new VertexEvent.Errored(Instant.now(), String.valueOf(e.getMessage())));
      throw e;
    }
  }
}
