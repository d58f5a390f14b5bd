package dev.kiln.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.kiln.llb.SourceLocation;
import dev.kiln.proto.pb.Definition;
import dev.kiln.proto.pb.Location;
import dev.kiln.proto.pb.Locations;
import dev.kiln.proto.pb.Range;
import dev.kiln.proto.pb.SourceInfo;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * BuildKit's {@code errdefs.Source} error detail (buildkit-wire §2.8): the definition file and the
 * ranges of it an error points at, from which buildctl prints the excerpt with the offending lines
 * marked. JSON as Go encodes the struct: {@code data} in base64, zero positions omitted.
 */
final class SourceDetail {
  static final String TYPE = "github.com/moby/buildkit/errdefs.Source+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceDetail() {}

  /** Where a frontend found a problem in its file. */
  static Any of(SourceLocation location) {
    List<int[]> ranges = location.ranges().stream()
        .map(r -> new int[] {r.start().line(), r.start().character(), r.end().line(), r.end().character()}).toList();
    return detail(location.sourceMap().filename(), location.sourceMap().data(), location.sourceMap().language(), ranges);
  }

  /** Where {@code digest}'s op came from, by the definition's source map (its first location), if it says. */
  static Optional<Any> of(Definition definition, String digest) {
    Locations locations = definition.getSource().getLocationsMap().get(digest);
    if (locations == null) return Optional.empty();
    for (Location l : locations.getLocationsList()) {
      if (l.getRangesCount() == 0 || l.getSourceIndex() < 0 || l.getSourceIndex() >= definition.getSource().getInfosCount()) {
        continue;
      }
      SourceInfo info = definition.getSource().getInfos(l.getSourceIndex());
      List<int[]> ranges = l.getRangesList().stream().map(SourceDetail::range).toList();
      return Optional.of(detail(info.getFilename(), info.getData().toByteArray(), info.getLanguage(), ranges));
    }
    return Optional.empty();
  }

  private static int[] range(Range r) {
    return new int[] {r.getStart().getLine(), r.getStart().getCharacter(), r.getEnd().getLine(), r.getEnd().getCharacter()};
  }

  /** @param ranges start line, start character, end line, end character each */
  private static Any detail(String filename, byte[] data, String language, List<int[]> ranges) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode info = root.putObject("info");
    info.put("filename", filename);
    info.put("data", Base64.getEncoder().encodeToString(data));
    if (!language.isEmpty()) info.put("language", language);
    ArrayNode out = root.putArray("ranges");
    for (int[] r : ranges) {
      ObjectNode range = out.addObject();
      position(range.putObject("start"), r[0], r[1]);
      position(range.putObject("end"), r[2], r[3]);
    }
    return Any.newBuilder().setTypeUrl(TYPE).setValue(ByteString.copyFromUtf8(root.toString())).build();
  }

  private static void position(ObjectNode node, int line, int character) {
    if (line != 0) node.put("line", line);
    if (character != 0) node.put("character", character);
  }
}
