package dev.kiln.llb.dump;

import dev.kiln.llb.GoJson;
import dev.kiln.proto.pb.OpMetadata;

/**
 * {@code buildctl debug dump-llb} output: for each Def entry, in order, one line
 * {@code {"Op":…,"Digest":"sha256:…","OpMetadata":…}} ending in a newline.
 */
public final class JsonDump {
  private JsonDump() {}

  public static String render(DecodedDefinition definition) {
    StringBuilder out = new StringBuilder();
    for (DecodedOp op : definition.ops()) {
      line(op, out);
    }
    return out.toString();
  }

  /** One op's line, newline included. */
  public static String line(DecodedOp op) {
    StringBuilder out = new StringBuilder();
    line(op, out);
    return out.toString();
  }

  private static void line(DecodedOp op, StringBuilder out) {
    GogoJsonPrinter printer = new GogoJsonPrinter(out);
    out.append("{\"Op\":");
    printer.message(op.op());
    out.append(",\"Digest\":");
    GoJson.string(op.digest().value(), out);
    out.append(",\"OpMetadata\":");
    // buildctl looks the digest up in a Go map; a missing entry is the zero OpMetadata.
    printer.message(op.metadata().orElse(OpMetadata.getDefaultInstance()));
    out.append("}\n");
  }
}
