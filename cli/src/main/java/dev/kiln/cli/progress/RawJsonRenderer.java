package dev.kiln.cli.progress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiln.proto.control.StatusResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * {@code --progress=rawjson}: each message as one line of BuildKit's {@code client.SolveStatus}
 * JSON, so tools written for {@code buildctl --progress=rawjson} read Kiln's output unchanged.
 */
final class RawJsonRenderer implements Renderer {
  private static final JsonFactory JSON = new JsonFactory();

  private final PrintStream out;

  RawJsonRenderer(PrintStream out) {
    this.out = out;
  }

  @Override
  public void onUpdate(StatusResponse raw, Update update) {
    out.println(toJson(raw));
    out.flush();
  }

  @Override
  public void close(Update rest, Snapshot end) {
    out.flush();
  }

  /** One {@code SolveStatus} object, fields omitted the way Go's {@code omitempty} omits them. */
  static String toJson(StatusResponse r) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      SolveStatusJson.write(g, r);
    } catch (IOException e) {
      throw new UncheckedIOException("writing progress JSON", e);
    }
    return w.toString();
  }
}
