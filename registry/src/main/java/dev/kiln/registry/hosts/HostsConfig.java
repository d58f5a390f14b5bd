package dev.kiln.registry.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-host registry settings by host name ({@code docker.io}, {@code localhost:5000}). Loaded from
 * the {@code registry} table of a TOML file; other tables of the file are ignored, so kilnd.toml can
 * be passed whole. Relative {@code ca}/{@code keypair} paths resolve against the file's directory.
 */
public record HostsConfig(Map<String, HostConfig> hosts) {
  public static final HostsConfig EMPTY = new HostsConfig(Map.of());

  public HostsConfig {
    hosts = Map.copyOf(hosts);
  }

  /** The settings for {@code host}, or {@link HostConfig#DEFAULT}. */
  public HostConfig forHost(String host) {
    return hosts.getOrDefault(host, HostConfig.DEFAULT);
  }

  public static HostsConfig load(Path file) throws IOException {
    Path base = file.toAbsolutePath().getParent();
    return parse(Files.readString(file), base);
  }

  /** Parses TOML text; {@code base} resolves relative paths. Errors name the host and key. */
  public static HostsConfig parse(String toml, Path base) throws IOException {
    JsonNode root = new TomlMapper().readTree(toml);
    JsonNode registries = root == null ? null : root.get("registry");
    Map<String, HostConfig> hosts = new LinkedHashMap<>();
    if (registries == null) {
      return EMPTY;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = registries.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      hosts.put(e.getKey(), host(e.getKey(), e.getValue(), base));
    }
    return new HostsConfig(hosts);
  }

  private static HostConfig host(String name, JsonNode t, Path base) throws IOException {
    List<String> known = List.of("mirrors", "http", "insecure", "ca", "keypair");
    for (Iterator<String> keys = t.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!known.contains(key)) {
        throw new IOException(
            "[registry.\"" + name + "\"]: unknown key \"" + key + "\" (known: " + known + ")");
      }
    }
    List<HostConfig.KeyPair> pairs = new ArrayList<>();
    for (JsonNode kp : t.path("keypair")) {
      if (!kp.hasNonNull("key") || !kp.hasNonNull("cert")) {
        throw new IOException("[registry.\"" + name + "\"]: each keypair needs key and cert");
      }
      pairs.add(new HostConfig.KeyPair(path(base, kp.get("key")), path(base, kp.get("cert"))));
    }
    List<Path> ca = new ArrayList<>();
    for (JsonNode c : t.path("ca")) {
      ca.add(path(base, c));
    }
    List<String> mirrors = new ArrayList<>();
    for (JsonNode m : t.path("mirrors")) {
      mirrors.add(m.asText());
    }
    return new HostConfig(
        mirrors, bool(name, t, "http"), bool(name, t, "insecure"), ca, pairs);
  }

  private static boolean bool(String name, JsonNode t, String key) throws IOException {
    JsonNode v = t.get(key);
    if (v == null) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new IOException("[registry.\"" + name + "\"]: " + key + " must be true or false");
    }
    return v.booleanValue();
  }

  private static Path path(Path base, JsonNode value) {
    Path p = Path.of(value.asText());
    return base == null ? p : base.resolve(p);
  }
}
