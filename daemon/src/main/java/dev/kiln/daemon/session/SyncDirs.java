package dev.kiln.daemon.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Directories that keep the last copy of each client directory, so the next build of the same
 * context transfers only what changed (BuildKit keeps one per shared key). One build uses a
 * directory at a time: a second concurrent build of the same key gets none and syncs in full.
 * Thread-safe.
 */
public final class SyncDirs {
  private final Path root;
  private final Set<String> inUse = new HashSet<>();

  public SyncDirs(Path root) {
    this.root = root;
  }

  /** The directory for {@code key}, now held by the caller, or empty when another build holds it. */
  public synchronized Optional<Path> acquire(String key) throws IOException {
    String name = hash(key);
    if (!inUse.add(name)) {
      return Optional.empty();
    }
    return Optional.of(Files.createDirectories(root.resolve(name)));
  }

  public synchronized void release(Path dir) {
    inUse.remove(dir.getFileName().toString());
  }

  private static String hash(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
