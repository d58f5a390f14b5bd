package dev.kiln.engine.ops;

import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.ExecOp;
import dev.kiln.proto.pb.FileAction;
import dev.kiln.proto.pb.Mount;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import java.util.Map;
import java.util.Set;

/** Structural checks of one op: its kind is known, its index fields point at real inputs. */
final class OpValidator {
  private OpValidator() {}

  static void validate(Digest d, Op op, Set<String> supportedCaps, OpMetadata md) throws InvalidDefinitionException {
    for (Map.Entry<String, Boolean> cap : md.getCapsMap().entrySet()) {
      if (cap.getValue() && !supportedCaps.contains(cap.getKey())) {
        throw new InvalidDefinitionException(d, "op requires capability '" + cap.getKey() + "' which this engine does not support");
      }
    }
    int n = op.getInputsCount();
    switch (op.getOpCase()) {
      case SOURCE -> {
        if (n != 0) throw new InvalidDefinitionException(d, "source op must have no inputs, has " + n);
        if (!op.getSource().getIdentifier().contains("://")) {
          throw new InvalidDefinitionException(d, "invalid source identifier '" + op.getSource().getIdentifier() + "'");
        }
      }
      case EXEC -> exec(d, op.getExec(), n);
      case FILE -> file(d, op, n);
      case MERGE -> {
        if (op.getMerge().getInputsCount() == 0) throw new InvalidDefinitionException(d, "merge op has no inputs");
        for (var in : op.getMerge().getInputsList()) index(d, "merge input", in.getInput(), n, false);
      }
      case DIFF -> {
        index(d, "diff lower", op.getDiff().getLower().getInput(), n, true);
        index(d, "diff upper", op.getDiff().getUpper().getInput(), n, true);
      }
      case BUILD -> {
        if (n == 0) throw new InvalidDefinitionException(d, "build op has no inputs");
      }
      default -> throw new InvalidDefinitionException(d, "unknown op kind " + op.getOpCase());
    }
  }

  private static void exec(Digest d, ExecOp exec, int n) throws InvalidDefinitionException {
    if (exec.getMeta().getArgsCount() == 0) throw new InvalidDefinitionException(d, "exec op has no arguments");
    boolean root = false;
    for (Mount m : exec.getMountsList()) {
      switch (m.getMountType()) {
        case BIND -> index(d, "mount " + m.getDest(), m.getInput(), n, true);
        case CACHE, TMPFS -> index(d, "mount " + m.getDest(), m.getInput(), n, true);
        case SECRET, SSH -> { }
        default -> throw new InvalidDefinitionException(d, "unknown mount type for " + m.getDest());
      }
      if (m.getDest().equals("/")) root = true;
    }
    if (!root) throw new InvalidDefinitionException(d, "exec op has no root mount");
  }

  private static void file(Digest d, Op op, int n) throws InvalidDefinitionException {
    int count = op.getFile().getActionsCount();
    if (count == 0) throw new InvalidDefinitionException(d, "file op has no actions");
    for (int i = 0; i < count; i++) {
      FileAction a = op.getFile().getActions(i);
      // An action may read op inputs and the results of earlier actions only.
      index(d, "action " + i + " input", a.getInput(), n + i, true);
      index(d, "action " + i + " secondary input", a.getSecondaryInput(), n + i, true);
      if (a.getActionCase() == FileAction.ActionCase.ACTION_NOT_SET) {
        throw new InvalidDefinitionException(d, "action " + i + " has no kind");
      }
    }
  }

  private static void index(Digest d, String what, long index, int limit, boolean allowNone) throws InvalidDefinitionException {
    if ((index == -1 && allowNone) || (index >= 0 && index < limit)) return;
    throw new InvalidDefinitionException(d, what + " refers to input " + index + ", but the op has " + limit);
  }
}
