package dev.kiln.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What the engine reads from an image config: the uncompressed digests of its layers. */
public record ImageConfig(List<Digest> diffIds) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ImageConfig {
    diffIds = List.copyOf(diffIds);
  }

  public static ImageConfig parse(byte[] json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || !root.isObject()) {
      throw new IOException("image config is not a JSON object");
    }
    List<Digest> diffIds = new ArrayList<>();
    for (JsonNode d : root.path("rootfs").path("diff_ids")) {
      try {
        diffIds.add(Digest.parse(d.asText()));
      } catch (IllegalArgumentException e) {
        throw new IOException("image config has an invalid diff id " + d + ": " + e.getMessage(), e);
      }
    }
    return new ImageConfig(diffIds);
  }
}
