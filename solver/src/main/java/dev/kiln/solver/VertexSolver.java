package dev.kiln.solver;

import dev.kiln.solver.cache.CacheKeyRecipe;
import dev.kiln.solver.cache.InputComponent;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.ProgressLog;
import dev.kiln.solver.progress.VertexEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Solves vertices for one job: each vertex once per job (memoised by digest), inputs concurrently, and
 * in this order: definition key (no input touched), else solve inputs, compute content keys, then — once
 * per key across jobs — content-key lookup, else execute. Thread-safe.
 */
final class VertexSolver {
  private final Solver solver;
  private final boolean noCache;
  private final JobThreads threads;
  private final ProgressLog progress;
  private final ConcurrentHashMap<String, Memo<KeyedVertex>> keyed = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Memo<SolvedVertex>> solved = new ConcurrentHashMap<>();

  VertexSolver(Solver solver, boolean noCache, JobThreads threads, ProgressLog progress) {
    this.solver = solver;
    this.noCache = noCache;
    this.threads = threads;
    this.progress = progress;
  }

  KeyedVertex keyed(Vertex vertex) throws InterruptedException {
    return keyed.computeIfAbsent(vertex.digest(), d -> new Memo<>()).get(() -> computeKeys(vertex));
  }

  SolvedVertex solved(Vertex vertex) throws InterruptedException {
    return solved.computeIfAbsent(vertex.digest(), d -> new Memo<>()).get(() -> solve(vertex));
  }

  /** The solved vertex if this job solved it successfully, else null. */
  SolvedVertex peekSolved(Vertex vertex) {
    var memo = solved.get(vertex.digest());
    return memo == null ? null : memo.peek();
  }

  /** Releases every result this job holds. Call only when no solve is running. */
  void releaseAll() {
    for (var memo : solved.values()) {
      var vertex = memo.peek();
      if (vertex != null) {
        vertex.release();
      }
    }
    solved.clear();
  }

  private KeyedVertex computeKeys(Vertex vertex) throws InterruptedException {
    var inputs = Fork.all(threads, vertex.inputs().stream()
        .map(edge -> task(keyed, edge.vertex(), () -> keyed(edge.vertex()))).toList());
    var cacheMap = guard(vertex, () -> vertex.op().cacheMap(context(vertex)));
    if (cacheMap.deps().size() != vertex.inputs().size()) {
      throw new VertexFailedException(vertex.ref(), new IllegalStateException("cache map has "
          + cacheMap.deps().size() + " deps for " + vertex.inputs().size() + " inputs"));
    }
    var components = new ArrayList<InputComponent>();
    for (int i = 0; i < inputs.size(); i++) {
      var edge = vertex.inputs().get(i);
      components.add(new InputComponent.ByKey(i, cacheMap.deps().get(i).selector(),
          inputs.get(i).definitionKey(edge.index())));
    }
    boolean ignore = noCache || vertex.options().ignoreCache();
    boolean untrusted = ignore || inputs.stream().anyMatch(KeyedVertex::untrusted);
    return new KeyedVertex(cacheMap, recipes(cacheMap, vertex, components), ignore, untrusted);
  }

  private SolvedVertex solve(Vertex vertex) throws InterruptedException {
    var keys = keyed(vertex);
    if (!keys.untrusted()) {
      var hit = guard(vertex, () -> solver.cache().lookup(keys.definitionRecipes()));
      if (hit.isPresent()) {
        publish(vertex, new VertexEvent.Cached(Instant.now()));
        return new SolvedVertex(hit.get(), keys.definitionRecipes(), keys.definitionRecipes(), true);
      }
    }
    var inputs = Fork.all(threads, vertex.inputs().stream()
        .map(edge -> task(solved, edge.vertex(), () -> solved(edge.vertex()))).toList());
    var finalRecipes = contentRecipes(vertex, keys, inputs);
    var outcome = runShared(vertex, keys, finalRecipes, inputs);
    return new SolvedVertex(outcome.outputs(), keys.definitionRecipes(), finalRecipes, outcome.cached());
  }

  /** Recipes over the inputs' final keys, with content checksums where the op asked for them. */
  private List<CacheKeyRecipe> contentRecipes(Vertex vertex, KeyedVertex keys, List<SolvedVertex> inputs)
      throws InterruptedException {
    var components = new ArrayList<InputComponent>();
    var context = context(vertex);
    for (int i = 0; i < inputs.size(); i++) {
      var dep = keys.cacheMap().deps().get(i);
      int output = vertex.inputs().get(i).index();
      var input = inputs.get(i);
      if (dep.digester().isPresent()) {
        var digester = dep.digester().get();
        String digest = guard(vertex, () -> digester.digest(context, input.outputs().get(output)));
        components.add(new InputComponent.ByContent(i, dep.selector(), digest));
      } else {
        components.add(new InputComponent.ByKey(i, dep.selector(), input.finalKey(output)));
      }
    }
    return recipes(keys.cacheMap(), vertex, components);
  }

  private Outcome runShared(Vertex vertex, KeyedVertex keys, List<CacheKeyRecipe> finalRecipes,
      List<SolvedVertex> inputs) throws InterruptedException {
    var borrowed = new ArrayList<Result>();
    for (int i = 0; i < inputs.size(); i++) {
      borrowed.add(inputs.get(i).outputs().get(vertex.inputs().get(i).index()));
    }
    var handoff = new InputHandoff(borrowed);
    var execution = new SharedExecution(vertex, keys, finalRecipes, handoff, solver.cache(), solver.limiter());
    // Executions that must not look up share only with each other: they must not join a cache lookup.
    String flightKey = finalRecipes.getFirst().key() + (execution.looksUp() ? "" : "+exec");
    Consumer<VertexEvent> listener = event -> publish(vertex, event);
    try {
      return solver.flights().run(flightKey, execution::run, listener);
    } catch (ExecutionException e) {
      throw failure(vertex, e.getCause());
    } finally {
      handoff.reclaim();
    }
  }

  /** A task for an input, or its value when this job already has it (no thread needed). */
  private static <T> Fork.Task<T> task(ConcurrentHashMap<String, Memo<T>> memos, Vertex input, Fork.Task<T> work) {
    var memo = memos.get(input.digest());
    var ready = memo == null ? null : memo.peek();
    return ready != null ? new Fork.Done<>(ready) : work;
  }

  private static List<CacheKeyRecipe> recipes(CacheMap cacheMap, Vertex vertex, List<InputComponent> inputs) {
    var recipes = new ArrayList<CacheKeyRecipe>(vertex.outputs());
    for (int output = 0; output < vertex.outputs(); output++) {
      recipes.add(new CacheKeyRecipe(cacheMap.digest(), output, inputs));
    }
    return recipes;
  }

  private VertexContext context(Vertex vertex) {
    return new VertexContext(vertex, event -> publish(vertex, event), solver.limiter());
  }

  private void publish(Vertex vertex, VertexEvent event) {
    progress.publish(new ProgressEvent(vertex.ref(), event));
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  /** Runs one step of a vertex, attributing any failure to it; interruption passes through. */
  private static <T> T guard(Vertex vertex, Step<T> step) throws InterruptedException {
    try {
      return step.run();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw failure(vertex, e);
    }
  }

  private static SolveException failure(Vertex vertex, Throwable cause) {
    return switch (cause) {
      case SolveException solve -> solve;
      case Error error -> throw error;
      default -> new VertexFailedException(vertex.ref(), cause);
    };
  }
}
