package dev.kiln.bench;

import dev.kiln.solver.CacheMap;
import dev.kiln.solver.CachedResult;
import dev.kiln.solver.Edge;
import dev.kiln.solver.Job;
import dev.kiln.solver.JobOptions;
import dev.kiln.solver.Op;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import dev.kiln.solver.SharedResult;
import dev.kiln.solver.Solver;
import dev.kiln.solver.Vertex;
import dev.kiln.solver.cache.InMemoryCacheKeyStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The solver's own cost, with ops that do nothing: a cold solve of a layered graph (targets:
 * 10,000 vertices ≤ 0.5 s on 2 cores) and a fully cached re-solve (1,000 vertices ≤ 50 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SolverOverheadBenchmark {
  @Param({"1000", "10000"})
  int vertices;

  private Edge target;
  private Solver warmSolver;

  /** Each layer of 100 vertices reads three vertices of the layer below. */
  private static Edge layeredGraph(int size) {
    List<Vertex> below = new ArrayList<>();
    List<Vertex> all = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<Edge> inputs = new ArrayList<>();
      for (int k = 0; k < 3 && !below.isEmpty(); k++) {
        inputs.add(below.get((i * 7 + k * 13) % below.size()).output());
      }
      Vertex v = Vertex.of("v" + i, "step " + i, new NoOp("op" + i, inputs.size()), inputs);
      all.add(v);
      if ((i + 1) % 100 == 0) {
        below = new ArrayList<>(all.subList(all.size() - 100, all.size()));
      }
    }
    List<Edge> tops = new ArrayList<>();
    for (Vertex v : below.isEmpty() ? all : below) tops.add(v.output());
    return Vertex.of("root", "root", new NoOp("root", tops.size()), tops).output();
  }

  @Setup(Level.Trial)
  public void setUp() {
    target = layeredGraph(vertices);
    warmSolver = new Solver(new InMemoryCacheKeyStorage(), id -> Optional.of(SharedResult.of(id, id, x -> {})));
    solve(warmSolver);
  }

  @Benchmark
  public boolean coldSolve() {
    return solve(new Solver(new InMemoryCacheKeyStorage(), id -> Optional.empty()));
  }

  @Benchmark
  public boolean cachedResolve() {
    return solve(warmSolver);
  }

  private boolean solve(Solver solver) {
    try (Job job = solver.newJob(JobOptions.defaults()); CachedResult r = job.solve(target)) {
      return r.cached();
    }
  }

  /** Keyed by a fixed digest; produces a result without doing anything. */
  private record NoOp(String digest, int inputs) implements Op {
    @Override
    public CacheMap cacheMap(OpContext ctx) {
      return CacheMap.of(digest, inputs);
    }

    @Override
    public List<Result> exec(OpContext ctx, List<Result> in) {
      return List.of(SharedResult.of("r-" + digest, digest, x -> {}));
    }
  }
}
