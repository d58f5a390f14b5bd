package dev.kiln.solver;

import dev.kiln.solver.cache.InMemoryCacheKeyStorage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds fake graphs over one worker and cache, and solves them. */
final class TestGraph {
  final TestWorker worker = new TestWorker();
  final InMemoryCacheKeyStorage storage = new InMemoryCacheKeyStorage();
  final Solver solver = new Solver(storage, worker, 2);
  // Tests create vertices from several threads at once (e.g. inside submitted solves).
  final Map<String, FakeOp> ops = new java.util.concurrent.ConcurrentHashMap<>();

  /** The op named {@code name}, created on first use; one op per name, shared by all graphs. */
  FakeOp op(String name) {
    return ops.computeIfAbsent(name, n -> new FakeOp(n, worker));
  }

  Vertex vertex(String name, Vertex... inputs) {
    return vertex(name, VertexOptions.DEFAULT, inputs);
  }

  Vertex vertex(String name, VertexOptions options, Vertex... inputs) {
    List<Edge> edges = Arrays.stream(inputs).map(Vertex::output).toList();
    var op = op(name);
    return Vertex.of("sha256:vertex-" + name, name, op, edges, op.outputs, options);
  }

  /** Solves in a fresh job and returns the value; closes the job. */
  String solveValue(Vertex target, JobOptions options) {
    try (var job = solver.newJob(options); var result = job.solve(target.output())) {
      return TestWorker.value(result.result());
    }
  }

  String solveValue(Vertex target) {
    return solveValue(target, JobOptions.defaults());
  }

  int execs(String name) {
    return op(name).execs.get();
  }
}
