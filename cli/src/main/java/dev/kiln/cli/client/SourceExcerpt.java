package dev.kiln.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import io.grpc.protobuf.StatusProto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The lines of a definition file that a failed build points at, from BuildKit's
 * {@code errdefs.Source} error detail: printed above the error as buildctl does, the file and first
 * line, then the lines around with the offending ones marked {@code >>>}.
 */
public record SourceExcerpt(String filename, List<String> lines, int firstLine, int lastLine) {
  static final String TYPE = "github.com/moby/buildkit/errdefs.Source+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONTEXT = 2;
  private static final String RULE = "--------------------";

  /** The first source detail of a failed call, if it has one that can be read. */
  public static Optional<SourceExcerpt> of(Throwable failure) {
    com.google.rpc.Status rich = StatusProto.fromThrowable(failure);
    if (rich == null) return Optional.empty();
    for (Any detail : rich.getDetailsList()) {
      if (TYPE.equals(detail.getTypeUrl())) return parse(detail.getValue().toStringUtf8());
    }
    return Optional.empty();
  }

  static Optional<SourceExcerpt> parse(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      String text = new String(Base64.getDecoder().decode(root.path("info").path("data").asText("")), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      if (text.endsWith("\n")) lines.removeLast();
      int first = Integer.MAX_VALUE;
      int last = 0;
      for (JsonNode range : root.path("ranges")) {
        int start = range.path("start").path("line").asInt(0);
        int end = Math.max(start, range.path("end").path("line").asInt(0));
        first = Math.min(first, start);
        last = Math.max(last, end);
      }
      if (first < 1 || first > lines.size()) return Optional.empty();
      return Optional.of(new SourceExcerpt(root.path("info").path("filename").asText("Dockerfile"), List.copyOf(lines),
          first, Math.min(last, lines.size())));
    } catch (IOException | IllegalArgumentException unreadable) {
      return Optional.empty(); // an excerpt is a courtesy: the error itself is still printed
    }
  }

  /** The excerpt as printed, ending with a newline. */
  public String render() {
    StringBuilder out = new StringBuilder(filename).append(':').append(firstLine).append('\n').append(RULE).append('\n');
    int from = Math.max(1, firstLine - CONTEXT);
    int to = Math.min(lines.size(), lastLine + CONTEXT);
    for (int i = from; i <= to; i++) {
      String marker = i >= firstLine && i <= lastLine ? ">>>" : "   ";
      out.append(String.format(" %3d | %s %s", i, marker, lines.get(i - 1)).stripTrailing()).append('\n');
    }
    return out.append(RULE).append('\n').toString();
  }
}
