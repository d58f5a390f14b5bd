package dev.kiln.llb;

import dev.kiln.proto.pb.MergeInput;
import dev.kiln.proto.pb.MergeOp;
import dev.kiln.proto.pb.Op;
import java.util.List;
import java.util.Set;

/** Layers several states on top of each other without copying; later inputs win. */
public final class MergeVertex implements Vertex {
  private final List<Output> inputs;
  private final Constraints constraints;

  private MergeVertex(List<Output> inputs, Constraints constraints) {
    this.inputs = List.copyOf(inputs);
    this.constraints = constraints;
  }

  static State merge(List<State> states, MergeOptions options) {
    List<State> nonEmpty = states.stream().filter(s -> !s.isScratch()).toList();
    if (nonEmpty.isEmpty()) return State.scratch();
    if (nonEmpty.size() == 1) return nonEmpty.getFirst();
    List<Output> outputs = nonEmpty.stream().map(State::output).toList();
    return nonEmpty.getFirst().withOutput(new Output(new MergeVertex(outputs, options.constraints()), 0));
  }

  @Override
  public Platform explicitPlatform() {
    return null;
  }

  @Override
  public MarshaledOp marshal(MarshalContext ctx) {
    Constraints c = constraints.withCaps(Set.of(LlbCaps.MERGE_OP));
    Op.Builder op = c.opBuilder(null);
    MergeOp.Builder merge = MergeOp.newBuilder();
    for (Output in : inputs) {
      op.addInputs(ctx.input(in));
      merge.addInputs(MergeInput.newBuilder().setInput(merge.getInputsCount()));
    }
    List<Vertex> vertices = inputs.stream().map(Output::vertex).toList();
    return MarshaledOp.of(op.setMerge(merge).build(), c, vertices);
  }
}
