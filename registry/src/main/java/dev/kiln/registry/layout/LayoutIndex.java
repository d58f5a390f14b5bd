package dev.kiln.registry.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.registry.MediaTypes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * A layout directory's {@code index.json}, updated by the client after the daemon filled its store,
 * as buildctl's {@code ociindex} does: an existing index keeps its other entries; an entry with the
 * same name (both {@code org.opencontainers.image.ref.name} and {@code io.containerd.image.name})
 * is replaced. Writers of one directory take turns on {@code index.json.lock}.
 */
public final class LayoutIndex {
  /** The {@code oci-layout} file of every OCI image layout directory or archive. */
  public static final String OCI_LAYOUT_FILE = "{\"imageLayoutVersion\":\"1.0.0\"}";
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  static final String IMAGE_NAME = "io.containerd.image.name";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LayoutIndex() {}

  /** A full image name ({@code docker.io/library/foo:1}: recorded whole, and its tag as the ref name) or a bare tag. */
  public sealed interface Name {
    record Image(String name) implements Name {}

    record Tag(String tag) implements Name {}
  }

  /** Adds {@code descriptor} (an OCI descriptor's JSON) under each of {@code names}, or once unnamed when there are none. */
  public static void put(Path dir, JsonNode descriptor, List<Name> names) throws IOException {
    Files.createDirectories(dir);
    Path index = dir.resolve("index.json");
    try (FileChannel lockFile = FileChannel.open(dir.resolve("index.json.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock _ = lockFile.lock()) {
      Files.writeString(dir.resolve("oci-layout"), OCI_LAYOUT_FILE);
      Path tmp = Files.createTempFile(dir, ".index.json-", "");
      Files.write(tmp, merged(index, descriptor, names));
      Files.move(tmp, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(dir.resolve("index.json.lock"));
    }
  }

  /**
   * The bytes of {@code index} (an {@code index.json}; absent or empty for a new one) with
   * {@code descriptor} put under {@code names} as {@link #put} does, for a writer that holds a lock
   * of its own on the directory and replaces the file itself.
   */
  public static byte[] merged(Path index, JsonNode descriptor, List<Name> names) throws IOException {
    ObjectNode root = Files.exists(index) && Files.size(index) > 0
        ? (ObjectNode) JSON.readTree(index.toFile()) : JSON.createObjectNode();
    if (!root.has("schemaVersion") || root.get("schemaVersion").asInt() == 0) root.put("schemaVersion", 2);
    if (root.path("mediaType").asText("").isEmpty()) root.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = root.has("manifests") && root.get("manifests").isArray()
        ? (ArrayNode) root.get("manifests") : root.putArray("manifests");
    if (names.isEmpty()) manifests.add(descriptor.deepCopy());
    for (Name name : names) insert(manifests, descriptor, name);
    return JSON.writeValueAsBytes(root);
  }

  /** The digest of the entry named {@code tag}: an image name first, then a ref name (buildctl's lookup for cache imports). */
  public static Optional<String> digest(Path dir, String tag) throws IOException {
    Path index = dir.resolve("index.json");
    if (!Files.exists(index)) return Optional.empty();
    JsonNode manifests = JSON.readTree(index.toFile()).path("manifests");
    for (String key : List.of(IMAGE_NAME, REF_NAME)) {
      for (JsonNode m : manifests) {
        if (tag.equals(m.path("annotations").path(key).asText(null))) return Optional.of(m.path("digest").asText());
      }
    }
    return Optional.empty();
  }

  private static void insert(ArrayNode manifests, JsonNode descriptor, Name name) {
    ObjectNode entry = descriptor.deepCopy();
    ObjectNode annotations = entry.has("annotations") ? (ObjectNode) entry.get("annotations") : entry.putObject("annotations");
    String imageName = "";
    String refName;
    switch (name) {
      case Name.Tag(String tag) -> refName = tag;
      case Name.Image(String image) -> {
        imageName = image;
        refName = referenceObject(image);
        annotations.put(IMAGE_NAME, image);
      }
    }
    annotations.put(REF_NAME, refName);
    for (int i = manifests.size() - 1; i >= 0; i--) {
      JsonNode a = manifests.get(i).path("annotations");
      if (refName.equals(a.path(REF_NAME).asText("")) && imageName.equals(a.path(IMAGE_NAME).asText(""))) manifests.remove(i);
    }
    manifests.add(entry);
  }

  /** containerd's {@code reference.Parse(name).Object}: what follows the repository ({@code 1} of {@code host/repo:1}), else the name. */
  static String referenceObject(String name) {
    int slash = name.indexOf('/');
    if (slash <= 0) return name;
    String path = name.substring(slash);
    int split = -1;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == ':' || path.charAt(i) == '@') {
        split = i;
        break;
      }
    }
    if (split < 0) return "";
    String object = path.substring(split);
    return object.startsWith(":") ? object.substring(1) : object;
  }
}
