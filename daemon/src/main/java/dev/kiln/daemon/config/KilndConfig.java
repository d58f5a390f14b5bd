package dev.kiln.daemon.config;

import dev.kiln.daemon.listen.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * kilnd.toml, in buildkitd.toml's shape: {@code root}, {@code debug}, {@code [grpc]} ({@code
 * address}, {@code debugAddress}, {@code [grpc.tls]}), {@code [worker.oci]} (snapshotter, GC) and
 * {@code [registry."host"]} tables, which the engine reads from {@code file} itself. Flags given
 * on the command line win over the file.
 *
 * @param file the file read, when there was one (its registry tables configure the engine)
 */
public record KilndConfig(Optional<Path> file, Optional<Path> root, boolean debug, List<String> addresses,
    Optional<String> debugAddress, Optional<TlsFiles> tls, WorkerConfig worker) {
  public static final KilndConfig DEFAULT = new KilndConfig(Optional.empty(), Optional.empty(), false, List.of(),
      Optional.empty(), Optional.empty(), WorkerConfig.DEFAULT);

  public KilndConfig {
    addresses = List.copyOf(addresses);
  }

  /** A parsed file with what it held that Kiln does not know (reported, never fatal). */
  public record Loaded(KilndConfig config, List<String> warnings) {}

  /** {@code /etc/kiln/kilnd.toml} for root, else {@code $XDG_CONFIG_HOME/kiln/kilnd.toml}. */
  public static Path defaultFile() {
    if ("root".equals(System.getProperty("user.name"))) return Path.of("/etc/kiln/kilnd.toml");
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("kiln/kilnd.toml");
  }

  /**
   * Reads {@code explicit} (which must exist), else the default file when there is one, else the defaults.
   *
   * @throws IOException for unreadable or malformed files, naming the file and the key
   */
  public static Loaded load(Optional<Path> explicit) throws IOException {
    Path file = explicit.orElseGet(KilndConfig::defaultFile);
    if (!Files.exists(file)) {
      if (explicit.isPresent()) throw new IOException("config file " + file + " does not exist");
      return new Loaded(DEFAULT, List.of());
    }
    try {
      return ConfigParser.parse(Files.readString(file), file);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
