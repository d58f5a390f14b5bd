package dev.kiln.daemon.config;

import dev.kiln.engine.gc.GcPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.kiln.daemon.listen.TlsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * TOML text → {@link KilndConfig}. Keys Kiln does not know (buildkitd.toml has many more) become
 * warnings, so one file can serve both; wrong types are errors naming the key. The {@code
 * registry} tables are checked by the registry module when the engine opens.
 */
final class ConfigParser {
  /** gckeepstorage numbers are megabytes, as in buildkitd.toml; gcpolicy keepBytes numbers are bytes. */
  private static final long MB = 1_000_000;

  private final Path base;
  private final List<String> warnings = new ArrayList<>();

  private ConfigParser(Path base) {
    this.base = base;
  }

  static KilndConfig.Loaded parse(String toml, Path file) throws IOException {
    JsonNode doc = new TomlMapper().readTree(toml);
    ConfigParser parser = new ConfigParser(file.toAbsolutePath().getParent());
    KilndConfig config = parser.config(doc == null ? new TomlMapper().createObjectNode() : doc, file);
    return new KilndConfig.Loaded(config, List.copyOf(parser.warnings));
  }

  private KilndConfig config(JsonNode doc, Path file) {
    known(doc, "", Set.of("root", "debug", "grpc", "worker", "registry"));
    JsonNode grpc = doc.path("grpc");
    known(grpc, "grpc", Set.of("address", "debugAddress", "tls"));
    List<String> addresses = new ArrayList<>();
    for (JsonNode a : grpc.path("address")) addresses.add(a.asText());
    if (grpc.path("address").isTextual()) addresses.add(grpc.get("address").asText());
    JsonNode debugAddress = grpc.get("debugAddress");
    return new KilndConfig(Optional.of(file), optionalPath(doc.get("root")), bool(doc, "debug", false), addresses,
        Optional.ofNullable(debugAddress).map(JsonNode::asText).filter(s -> !s.isEmpty()), tls(grpc.path("tls")),
        worker(doc.path("worker")));
  }

  private Optional<TlsFiles> tls(JsonNode t) {
    known(t, "grpc.tls", Set.of("cert", "key", "ca"));
    if (t.isMissingNode() || (!t.has("cert") && !t.has("key"))) return Optional.empty();
    if (!t.has("cert") || !t.has("key")) throw new IllegalArgumentException("[grpc.tls]: cert and key go together");
    return Optional.of(new TlsFiles(path(t.get("cert")), path(t.get("key")), optionalPath(t.get("ca"))));
  }

  private WorkerConfig worker(JsonNode w) {
    known(w, "worker", Set.of("oci"));
    JsonNode oci = w.path("oci");
    known(oci, "worker.oci", Set.of("enabled", "snapshotter", "gc", "gckeepstorage", "gcpolicy"));
    if (!bool(oci, "enabled", true)) warnings.add("[worker.oci] enabled = false: Kiln has only this worker; it stays enabled");
    String snapshotter = oci.path("snapshotter").asText("auto");
    if (!List.of("auto", "overlayfs", "copy").contains(snapshotter)) {
      throw new IllegalArgumentException("[worker.oci] snapshotter: '" + snapshotter + "' (use auto, overlayfs or copy)");
    }
    long keep = oci.has("gckeepstorage") ? Units.bytes(oci.get("gckeepstorage"), "[worker.oci] gckeepstorage", MB) : 0;
    List<GcPolicy> policies = new ArrayList<>();
    int i = 0;
    for (JsonNode p : oci.path("gcpolicy")) {
      String where = "[[worker.oci.gcpolicy]] #" + (++i);
      known(p, where, Set.of("all", "filters", "keepDuration", "keepBytes", "reservedSpace", "maxUsedSpace", "minFreeSpace"));
      List<String> filters = new ArrayList<>();
      for (JsonNode f : p.path("filters")) filters.add(f.asText());
      Duration age = p.has("keepDuration") ? Units.duration(p.get("keepDuration"), where + " keepDuration") : Duration.ZERO;
      // keepBytes is buildkitd's older name for reservedSpace
      long reserved = p.has("reservedSpace") ? Units.bytes(p.get("reservedSpace"), where + " reservedSpace", 1)
          : p.has("keepBytes") ? Units.bytes(p.get("keepBytes"), where + " keepBytes", 1) : 0;
      long maxUsed = p.has("maxUsedSpace") ? Units.bytes(p.get("maxUsedSpace"), where + " maxUsedSpace", 1) : 0;
      long minFree = p.has("minFreeSpace") ? Units.bytes(p.get("minFreeSpace"), where + " minFreeSpace", 1) : 0;
      policies.add(new GcPolicy(age, reserved, maxUsed, minFree, filters, bool(p, "all", false)));
    }
    return new WorkerConfig(snapshotter, new GcConfig(bool(oci, "gc", true), keep, policies));
  }

  private void known(JsonNode table, String name, Set<String> keys) {
    if (!table.isObject()) return;
    for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!keys.contains(key)) {
        warnings.add("unknown key '" + key + "'" + (name.isEmpty() ? "" : " in [" + name + "]") + " (ignored)");
      }
    }
  }

  private static boolean bool(JsonNode table, String key, boolean fallback) {
    JsonNode v = table.get(key);
    if (v == null) return fallback;
    if (!v.isBoolean()) throw new IllegalArgumentException(key + " must be true or false");
    return v.booleanValue();
  }

  private Optional<Path> optionalPath(JsonNode value) {
    return value == null || value.asText().isEmpty() ? Optional.empty() : Optional.of(path(value));
  }

  private Path path(JsonNode value) {
    Path p = Path.of(value.asText());
    return base == null ? p : base.resolve(p);
  }
}
