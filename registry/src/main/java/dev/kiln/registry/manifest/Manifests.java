package dev.kiln.registry.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Digest;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads manifests and indexes (read-only views: the original bytes stay the source of truth for
 * digests) and tells which kind a document is when the server's Content-Type is unhelpful.
 */
public final class Manifests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Manifests() {}

  /**
   * The document's media type: its {@code mediaType} field, else the server's Content-Type if it
   * is a manifest type, else guessed from its shape ({@code manifests} means an index).
   */
  public static String mediaType(byte[] json, String contentType) throws IOException {
    JsonNode root = tree(json);
    String declared = root.path("mediaType").asText("");
    if (!declared.isEmpty()) {
      return declared;
    }
    String ct = contentType == null ? "" : contentType.split(";")[0].trim();
    if (MediaTypes.MANIFESTS.contains(ct)) {
      return ct;
    }
    return root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
  }

  public static ImageIndex parseIndex(byte[] json) throws IOException {
    JsonNode root = tree(json);
    List<Descriptor> manifests = new ArrayList<>();
    for (JsonNode d : root.path("manifests")) {
      manifests.add(descriptor(d));
    }
    return new ImageIndex(root.path("mediaType").asText(MediaTypes.OCI_INDEX), manifests);
  }

  public static ImageManifest parseManifest(byte[] json) throws IOException {
    JsonNode root = tree(json);
    if (!root.has("config")) {
      throw new IOException("not an image manifest: no \"config\"");
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode d : root.path("layers")) {
      layers.add(descriptor(d));
    }
    return new ImageManifest(
        root.path("mediaType").asText(MediaTypes.OCI_MANIFEST), descriptor(root.get("config")), layers);
  }

  private static JsonNode tree(byte[] json) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || !root.isObject()) {
      throw new IOException("manifest is not a JSON object");
    }
    return root;
  }

  private static Descriptor descriptor(JsonNode d) throws IOException {
    try {
      JsonNode p = d.get("platform");
      Optional<Platform> platform =
          p == null || !p.isObject()
              ? Optional.empty()
              : Optional.of(
                  Platform.normalized(
                      p.path("os").asText(""),
                      p.path("architecture").asText(""),
                      p.path("variant").asText("")));
      return new Descriptor(
          d.path("mediaType").asText(""),
          Digest.parse(d.path("digest").asText("")),
          d.path("size").asLong(-1),
          platform);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid descriptor " + d + ": " + e.getMessage(), e);
    }
  }
}
