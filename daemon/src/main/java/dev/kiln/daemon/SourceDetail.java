package dev.kiln.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.kiln.llb.SourceLocation;
import java.util.Base64;

/**
 * BuildKit's {@code errdefs.Source} error detail (buildkit-wire §2.8): the definition file and the
 * ranges of it an error points at, from which buildctl prints the excerpt with the offending lines
 * marked. JSON as Go encodes the struct: {@code data} in base64, zero positions omitted.
 */
final class SourceDetail {
  static final String TYPE = "github.com/moby/buildkit/errdefs.Source+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceDetail() {}

  static Any of(SourceLocation location) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode info = root.putObject("info");
    info.put("filename", location.sourceMap().filename());
    info.put("data", Base64.getEncoder().encodeToString(location.sourceMap().data()));
    if (!location.sourceMap().language().isEmpty()) info.put("language", location.sourceMap().language());
    ArrayNode ranges = root.putArray("ranges");
    for (SourceLocation.Range r : location.ranges()) {
      ObjectNode range = ranges.addObject();
      position(range.putObject("start"), r.start());
      position(range.putObject("end"), r.end());
    }
    return Any.newBuilder().setTypeUrl(TYPE).setValue(ByteString.copyFromUtf8(root.toString())).build();
  }

  private static void position(ObjectNode node, SourceLocation.Position p) {
    if (p.line() != 0) node.put("line", p.line());
    if (p.character() != 0) node.put("character", p.character());
  }
}
