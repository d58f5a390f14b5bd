package dev.kiln.cli.build;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --metadata-file}: the exporter response as buildctl writes it — keys sorted, a value that
 * is base64 of a JSON object (e.g. {@code containerimage.descriptor}) embedded as that object, any
 * other value as a string, indented by two spaces like Go's {@code json.MarshalIndent}.
 */
public final class MetadataFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DefaultPrettyPrinter GO_INDENT = new DefaultPrettyPrinter(
      Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("").withArrayEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private MetadataFile() {}

  public static void write(Path file, Map<String, String> response) throws IOException {
    Files.write(file, MAPPER.writer(GO_INDENT).writeValueAsBytes(of(response)));
  }

  static ObjectNode of(Map<String, String> response) {
    ObjectNode out = MAPPER.createObjectNode();
    new TreeMap<>(response).forEach((k, v) -> {
      JsonNode decoded = decodedObject(v);
      if (decoded != null) out.set(k, decoded);
      else out.put(k, v);
    });
    return out;
  }

  private static JsonNode decodedObject(String value) {
    try {
      JsonNode n = MAPPER.readTree(Base64.getDecoder().decode(value));
      return n != null && n.isObject() && !n.isEmpty() ? n : null;
    } catch (IllegalArgumentException | IOException notBase64Json) {
      return null;
    }
  }
}
