package dev.kiln.engine.source.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/** Pattern lists travel in source attrs as JSON arrays of strings. */
final class JsonStrings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonStrings() {}

  static List<String> parseArray(String json) throws IOException {
    if (json == null || json.isEmpty() || json.equals("null")) return List.of();
    try {
      return List.copyOf(JSON.readValue(json, new TypeReference<List<String>>() {}));
    } catch (IOException e) {
      throw new IOException("invalid pattern list in local source attrs: " + json, e);
    }
  }
}
