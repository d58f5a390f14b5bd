package dev.kiln.engine.ops;

import dev.kiln.engine.ops.LlbVertex.LlbInput;
import dev.kiln.proto.pb.Mount;
import dev.kiln.proto.pb.Op;
import dev.kiln.solver.Edge;
import dev.kiln.solver.Vertex;
import dev.kiln.solver.VertexOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the solver's vertices for a loaded LLB graph, choosing the runner of each op kind. */
public final class VertexGraph {
  private final OpRunners runners;
  private final Map<String, Vertex> built = new HashMap<>();

  public VertexGraph(OpRunners runners) {
    this.runners = runners;
  }

  /** The edge producing the definition's result. */
  public Edge build(LlbLoader.Loaded loaded) throws IOException {
    return vertex(loaded.head()).output((int) loaded.outputIndex());
  }

  private Vertex vertex(LlbVertex v) throws IOException {
    Vertex done = built.get(v.digest().value());
    if (done != null) return done;
    List<Edge> inputs = new ArrayList<>();
    for (LlbInput in : v.inputs()) {
      inputs.add(vertex(in.vertex()).output((int) in.index()));
    }
    var md = v.metadata();
    VertexOptions options = new VertexOptions(md.getIgnoreCache(),
        md.hasProgressGroup() ? md.getProgressGroup().getId() : "", md.getDescriptionOrDefault("llb.customname", ""));
    Vertex vertex = Vertex.of(v.digest().value(), v.name(), runners.runner(v.op()), inputs, outputs(v.op()), options);
    built.put(v.digest().value(), vertex);
    return vertex;
  }

  /** An exec has one output per writable mount; every other op has one. */
  static int outputs(Op op) {
    if (!op.hasExec()) return 1;
    long max = -1;
    for (Mount m : op.getExec().getMountsList()) max = Math.max(max, m.getOutput());
    return (int) Math.max(1, max + 1);
  }
}
