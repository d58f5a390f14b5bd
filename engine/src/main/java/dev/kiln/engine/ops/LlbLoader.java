package dev.kiln.engine.ops;

import com.google.protobuf.ByteString;
import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Input;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@code Definition} into a vertex DAG, rejecting anything the engine cannot build: bad
 * bytes, dangling inputs, cycles, ops whose input indexes are out of range, unknown op kinds and
 * capabilities the engine lacks. Ops may be listed in any order.
 */
public final class LlbLoader {
  private final Set<String> supportedCaps;
  private final Map<Digest, Op> ops = new HashMap<>();
  private final Map<Digest, OpMetadata> metadata = new HashMap<>();
  private final Map<Digest, LlbVertex> loaded = new HashMap<>();
  private final Set<Digest> visiting = new HashSet<>();

  private LlbLoader(Set<String> supportedCaps) {
    this.supportedCaps = supportedCaps;
  }

  /** The vertex producing the definition's result, and its output index. */
  public record Loaded(LlbVertex head, long outputIndex) {}

  public static Loaded load(Definition def, Set<String> supportedCaps) throws InvalidDefinitionException {
    return new LlbLoader(supportedCaps).run(def);
  }

  private Loaded run(Definition def) throws InvalidDefinitionException {
    if (def.getDefCount() < 2) {
      throw new InvalidDefinitionException(null, "invalid definition: it needs at least one op and the terminal op");
    }
    Digest terminal = null;
    Op terminalOp = null;
    for (ByteString bytes : def.getDefList()) {
      ParsedOps.Parsed parsed = ParsedOps.SHARED.parse(bytes);
      ops.put(parsed.digest(), parsed.op());
      terminal = parsed.digest();
      terminalOp = parsed.op();
    }
    def.getMetadataMap().forEach((k, v) -> metadata.put(Digest.parse(k), v));
    ops.remove(terminal);
    if (terminalOp.getInputsCount() != 1 || terminalOp.getOpCase() != Op.OpCase.OP_NOT_SET) {
      throw new InvalidDefinitionException(terminal, "invalid definition: the last op must be a terminal op with exactly one input");
    }
    Input head = terminalOp.getInputs(0);
    return new Loaded(resolve(terminal, head), head.getIndex());
  }

  private LlbVertex resolve(Digest from, Input input) throws InvalidDefinitionException {
    Digest d;
    try {
      d = Digest.parse(input.getDigest());
    } catch (IllegalArgumentException e) {
      throw new InvalidDefinitionException(from, "invalid input digest '" + input.getDigest() + "'");
    }
    if (!ops.containsKey(d)) {
      throw new InvalidDefinitionException(from, "input " + d + " is not in the definition");
    }
    return vertex(d);
  }

  private LlbVertex vertex(Digest d) throws InvalidDefinitionException {
    LlbVertex done = loaded.get(d);
    if (done != null) return done;
    if (!visiting.add(d)) throw new InvalidDefinitionException(d, "invalid definition: cycle through this op");
    Op op = ops.get(d);
    OpMetadata md = metadata.getOrDefault(d, OpMetadata.getDefaultInstance());
    OpValidator.validate(d, op, supportedCaps, md);
    List<LlbVertex.LlbInput> inputs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Input in : op.getInputsList()) {
      LlbVertex v = resolve(d, in);
      inputs.add(new LlbVertex.LlbInput(v, in.getIndex()));
      names.add(v.name());
    }
    visiting.remove(d);
    LlbVertex v = new LlbVertex(d, op, md, inputs, VertexNames.of(op, md, names));
    loaded.put(d, v);
    return v;
  }
}
