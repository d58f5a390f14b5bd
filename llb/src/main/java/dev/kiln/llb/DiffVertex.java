package dev.kiln.llb;

import dev.kiln.proto.pb.DiffOp;
import dev.kiln.proto.pb.LowerDiffInput;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.UpperDiffInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The changes between two states, as a state of its own; scratch on either side is allowed. */
public final class DiffVertex implements Vertex {
  private final Output lower;
  private final Output upper;
  private final Constraints constraints;

  private DiffVertex(Output lower, Output upper, Constraints constraints) {
    this.lower = lower;
    this.upper = upper;
    this.constraints = constraints;
  }

  static State diff(State lower, State upper, MergeOptions options) {
    if (lower.isScratch()) {
      // Everything in upper is a change against nothing.
      return upper.isScratch() ? State.scratch() : upper;
    }
    return lower.withOutput(new Output(new DiffVertex(lower.output(), upper.output(), options.constraints()), 0));
  }

  @Override
  public Platform explicitPlatform() {
    return null;
  }

  @Override
  public MarshaledOp marshal(MarshalContext ctx) {
    Constraints c = constraints.withCaps(Set.of(LlbCaps.DIFF_OP));
    Op.Builder op = c.opBuilder(null);
    List<Vertex> vertices = new ArrayList<>();
    long lowerIndex = add(ctx, op, lower, vertices);
    long upperIndex = add(ctx, op, upper, vertices);
    op.setDiff(DiffOp.newBuilder()
        .setLower(LowerDiffInput.newBuilder().setInput(lowerIndex))
        .setUpper(UpperDiffInput.newBuilder().setInput(upperIndex)));
    return MarshaledOp.of(op.build(), c, vertices);
  }

  private static long add(MarshalContext ctx, Op.Builder op, Output out, List<Vertex> vertices) {
    if (out == null) return -1;
    op.addInputs(ctx.input(out));
    vertices.add(out.vertex());
    return op.getInputsCount() - 1;
  }
}
