package dev.kiln.engine.exporter.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.engine.exporter.DescriptorJson;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The frontend's image config with the exported layers filled in: {@code rootfs.diff_ids}, and
 * one non-empty history entry per layer — the frontend's entries kept, missing ones appended,
 * surplus ones marked empty (BuildKit's {@code normalizeLayersAndHistory}). With a source date
 * epoch, {@code created} times later than it are clamped to it.
 */
final class ConfigPatcher {
  static final String EXPORTER_COMMENT = "buildkit.exporter.image.v0";

  private ConfigPatcher() {}

  /** BuildKit's key for the inline cache, at the top level of the config. */
  static final String INLINE_CACHE = "moby.buildkit.cache.v0";

  static byte[] patch(Optional<byte[]> frontendConfig, List<Digest> diffIds, Instant layerTime,
      Optional<Instant> epoch) throws IOException {
    return patch(frontendConfig, diffIds, layerTime, epoch, Optional.empty());
  }

  static byte[] patch(Optional<byte[]> frontendConfig, List<Digest> diffIds, Instant layerTime,
      Optional<Instant> epoch, Optional<String> inlineCache) throws IOException {
    ObjectNode config = frontendConfig.isPresent() ? parse(frontendConfig.get()) : defaultConfig();
    ObjectNode rootfs = DescriptorJson.MAPPER.createObjectNode();
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(d -> ids.add(d.value()));
    config.set("rootfs", rootfs);
    List<ObjectNode> history = normalize(history(config), diffIds.size(), epoch.orElse(layerTime));
    epoch.ifPresent(e -> clamp(config, history, e));
    if (!config.has("created")) {
      // as BuildKit's patchImageConfig: the image is as new as its newest history entry
      history.stream().map(h -> h.get("created")).filter(c -> c != null).reduce((a, b) -> b)
          .ifPresent(c -> config.set("created", c));
    }
    config.putArray("history").addAll(history);
    inlineCache.ifPresent(c -> config.put(INLINE_CACHE, c));
    return DescriptorJson.MAPPER.writeValueAsBytes(config);
  }

  private static ObjectNode parse(byte[] json) throws IOException {
    JsonNode n = DescriptorJson.MAPPER.readTree(json);
    if (n instanceof ObjectNode o) return o;
    throw new IOException("the frontend's image config (containerimage.config) is not a JSON object");
  }

  private static List<ObjectNode> history(ObjectNode config) {
    List<ObjectNode> out = new ArrayList<>();
    JsonNode h = config.get("history");
    if (h != null && h.isArray()) h.forEach(n -> out.add((ObjectNode) n.deepCopy()));
    return out;
  }

  private static List<ObjectNode> normalize(List<ObjectNode> history, int layers, Instant layerTime) {
    int seen = 0;
    for (ObjectNode h : history) {
      if (isEmpty(h)) continue;
      if (seen >= layers) h.put("empty_layer", true); // the frontend claimed layers that are not there
      else seen++;
    }
    for (int i = seen; i < layers; i++) {
      ObjectNode h = DescriptorJson.MAPPER.createObjectNode();
      h.put("created", format(layerTime));
      h.put("created_by", "");
      h.put("comment", EXPORTER_COMMENT);
      history.add(h);
    }
    for (ObjectNode h : history) {
      if (!isEmpty(h) && !h.has("created")) putFirst(h, "created", format(layerTime));
    }
    return history;
  }

  private static void clamp(ObjectNode config, List<ObjectNode> history, Instant epoch) {
    config.put("created", format(epoch));
    for (ObjectNode h : history) {
      JsonNode c = h.get("created");
      if (c == null || Instant.parse(c.asText()).isAfter(epoch)) h.put("created", format(epoch));
    }
  }

  private static boolean isEmpty(ObjectNode h) {
    return h.path("empty_layer").asBoolean(false);
  }

  /** {@code created} leads a history entry in Go's field order. */
  private static void putFirst(ObjectNode h, String key, String value) {
    ObjectNode rest = h.deepCopy();
    h.removeAll();
    h.put(key, value);
    h.setAll(rest);
  }

  /** RFC 3339 in UTC as Go prints it: nanoseconds only when present. */
  static String format(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.withLocale(Locale.ROOT).format(t);
  }

  private static ObjectNode defaultConfig() {
    ObjectNode c = DescriptorJson.MAPPER.createObjectNode();
    String arch = System.getProperty("os.arch");
    c.put("architecture", switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    });
    c.put("os", "linux");
    c.putObject("config");
    return c;
  }
}
