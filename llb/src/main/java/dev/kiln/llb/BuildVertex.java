package dev.kiln.llb;

import dev.kiln.proto.pb.BuildInput;
import dev.kiln.proto.pb.BuildOp;
import dev.kiln.proto.pb.Op;
import java.util.List;
import java.util.Set;

/** A nested build: its input holds a marshalled definition that the engine solves in turn. */
public final class BuildVertex implements Vertex {
  /** Key of the input that holds the definition. */
  public static final String LLB_DEFINITION_INPUT = "buildkit.llb.definition";
  /** Builder index meaning "the input is LLB", not a frontend image. */
  public static final long LLB_BUILDER = -1;

  private final Output source;
  private final String filename;
  private final Constraints constraints;

  BuildVertex(Output source, BuildOptions options) {
    if (source == null) {
      throw new IllegalArgumentException("a nested build needs a state holding the definition, not scratch");
    }
    this.source = source;
    this.filename = options.filename;
    this.constraints = options.constraints();
  }

  Output output() {
    return new Output(this, 0);
  }

  @Override
  public Platform explicitPlatform() {
    return constraints.platform();
  }

  @Override
  public MarshaledOp marshal(MarshalContext ctx) {
    BuildOp.Builder build = BuildOp.newBuilder()
        .setBuilder(LLB_BUILDER)
        .putInputs(LLB_DEFINITION_INPUT, BuildInput.newBuilder().setInput(0).build());
    if (!filename.isEmpty()) build.putAttrs("llbbuild.filename", filename);
    Constraints c = constraints.withCaps(Set.of(LlbCaps.SOURCE_BUILD_OP_LLB_FILENAME));
    Platform platform = c.platform() != null ? c.platform() : ctx.options().platform();
    Op op = c.opBuilder(platform).addInputs(ctx.input(source)).setBuild(build).build();
    return MarshaledOp.of(op, c, List.of(source.vertex()));
  }
}
