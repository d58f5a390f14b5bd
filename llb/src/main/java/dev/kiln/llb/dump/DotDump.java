package dev.kiln.llb.dump;

import dev.kiln.proto.pb.ExecOp;
import dev.kiln.proto.pb.FileAction;
import dev.kiln.proto.pb.FileOp;
import dev.kiln.proto.pb.Mount;
import dev.kiln.proto.pb.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code buildctl debug dump-llb --dot} output: a Graphviz digraph with one node per op (id =
 * digest, label = what the op does, shape = op kind) and one edge per input. Edges into an exec
 * are labelled with the mount point of that input, unless it is the root mount.
 */
public final class DotDump {
  private DotDump() {}

  public static String render(DecodedDefinition definition) {
    StringBuilder out = new StringBuilder("digraph {\n");
    for (DecodedOp op : definition.ops()) {
      Node node = node(op);
      out.append("  ").append(GoQuote.quote(op.digest().value()))
          .append(" [label=").append(GoQuote.quote(node.label()))
          .append(" shape=").append(GoQuote.quote(node.shape())).append("];\n");
    }
    for (DecodedOp op : definition.ops()) {
      for (int i = 0; i < op.op().getInputsCount(); i++) {
        out.append("  ").append(GoQuote.quote(op.op().getInputs(i).getDigest()))
            .append(" -> ").append(GoQuote.quote(op.digest().value()))
            .append(" [label=").append(GoQuote.quote(edgeLabel(op.op(), i))).append("];\n");
      }
    }
    return out.append("}\n").toString();
  }

  private record Node(String label, String shape) {}

  private static Node node(DecodedOp decoded) {
    Op op = decoded.op();
    return switch (op.getOpCase()) {
      case SOURCE -> new Node(op.getSource().getIdentifier(), "ellipse");
      case EXEC -> new Node(String.join(" ", op.getExec().getMeta().getArgsList()), "box");
      case FILE -> new Node(fileLabel(op.getFile()), "note");
      case BUILD -> new Node("build", "box3d");
      case MERGE -> new Node("merge", "invtriangle");
      case DIFF -> new Node("diff", "doublecircle");
      default -> new Node(decoded.digest().value(), "plaintext"); // terminal, passthrough
    };
  }

  private static String fileLabel(FileOp file) {
    List<String> names = new ArrayList<>();
    for (FileAction action : file.getActionsList()) {
      names.add(
          switch (action.getActionCase()) {
            case COPY ->
                "copy{src=%s, dest=%s}"
                    .formatted(action.getCopy().getSrc(), action.getCopy().getDest());
            case MKFILE -> "mkfile{path=%s}".formatted(action.getMkfile().getPath());
            case MKDIR -> "mkdir{path=%s}".formatted(action.getMkdir().getPath());
            case RM -> "rm{path=%s}".formatted(action.getRm().getPath());
            case SYMLINK ->
                "symlink{oldpath=%s, newpath=%s}"
                    .formatted(action.getSymlink().getOldpath(), action.getSymlink().getNewpath());
            case ACTION_NOT_SET -> "";
          });
    }
    return String.join(",", names);
  }

  // Like buildctl: the last non-root mount of that input names the edge.
  private static String edgeLabel(Op op, int input) {
    if (op.getOpCase() != Op.OpCase.EXEC) {
      return "";
    }
    ExecOp exec = op.getExec();
    String label = "";
    for (Mount mount : exec.getMountsList()) {
      if (mount.getInput() == input && !mount.getDest().equals("/")) {
        label = mount.getDest();
      }
    }
    return label;
  }
}
