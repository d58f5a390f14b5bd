package dev.kiln.engine.executor.runc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads runc's JSON log ({@code --log-format json}): one logrus entry per line. */
final class RuncLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RuncLog() {}

  /** The messages of error and fatal entries, in order; empty if there are none. */
  static String errors(Path logFile) {
    List<String> messages = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(logFile)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode entry = parse(line);
        String level = entry.path("level").asText("");
        if (level.equals("error") || level.equals("fatal")) {
          messages.add(entry.path("msg").asText(line));
        }
      }
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      return "(cannot read runc log " + logFile + ": " + e.getMessage() + ")";
    }
    return String.join("\n", messages);
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return JSON.createObjectNode().put("level", "error").put("msg", line); // not JSON: keep it
    }
  }
}
