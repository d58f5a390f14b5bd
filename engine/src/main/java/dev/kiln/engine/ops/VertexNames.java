package dev.kiln.engine.ops;

import dev.kiln.llb.OpOptions;
import dev.kiln.proto.pb.FileAction;
import dev.kiln.proto.pb.Op;
import dev.kiln.proto.pb.OpMetadata;
import java.util.List;
import java.util.stream.Collectors;

/** The name a vertex shows in progress output: its custom name, else one derived from the op. */
final class VertexNames {
  private VertexNames() {}

  static String of(Op op, OpMetadata md, List<String> inputNames) {
    String custom = md.getDescriptionMap().get(OpOptions.CUSTOM_NAME);
    if (custom != null) return custom;
    return switch (op.getOpCase()) {
      case SOURCE -> op.getSource().getIdentifier();
      case EXEC -> String.join(" ", op.getExec().getMeta().getArgsList());
      case FILE -> op.getFile().getActionsList().stream().map(VertexNames::action).collect(Collectors.joining(", "));
      case BUILD -> "build";
      case MERGE -> "merge " + inputNames.stream().map(n -> "(" + n + ")").collect(Collectors.joining(", "));
      case DIFF -> "diff (" + inputNames.getFirst() + ") -> (" + inputNames.getLast() + ")";
      default -> op.getOpCase().name().toLowerCase();
    };
  }

  private static String action(FileAction a) {
    return switch (a.getActionCase()) {
      case MKDIR -> "mkdir " + a.getMkdir().getPath();
      case MKFILE -> "mkfile " + a.getMkfile().getPath();
      case RM -> "rm " + a.getRm().getPath();
      case COPY -> "copy " + a.getCopy().getSrc() + " " + a.getCopy().getDest();
      case SYMLINK -> "symlink " + a.getSymlink().getNewpath() + " -> " + a.getSymlink().getOldpath();
      default -> "unknown";
    };
  }
}
