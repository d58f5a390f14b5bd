package dev.kiln.engine.ops;

import dev.kiln.engine.fs.Trees;
import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.CacheSharingOpt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Persistent cache directories of {@code RUN --mount=type=cache}, by id, shared across builds.
 * {@code shared}: every user gets the same directory at once; {@code locked}: one user at a time,
 * others wait; {@code private}: a user finding the directory busy gets a fresh one of its own,
 * like BuildKit. Cache directories never become part of a result. Thread-safe.
 */
public final class CacheMounts {
  private static final String ID_SUFFIX = ".id";
  private static final String REMOVING = ".removing-";

  private final Path root;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Set<Path> busy = new HashSet<>();
  /** Users per directory, guarded by itself: the collector removes only directories nobody uses. */
  private final Map<Path, Integer> users = new HashMap<>();

  /** Opens the cache directories under {@code root}, sweeping what a crash left (private copies, half-removed caches). */
  public CacheMounts(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
    try (var entries = Files.list(root)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith("private-") || name.startsWith(REMOVING)) Trees.deleteRecursively(p);
      }
    }
  }

  /** One persistent cache directory as {@code kiln du} sees it. */
  public record CacheDir(String name, String cacheId, Path dir, boolean inUse) {}

  /** Every persistent cache directory (not private copies), with whether a RUN step has it mounted now. */
  public List<CacheDir> list() throws IOException {
    List<CacheDir> out = new ArrayList<>();
    try (var entries = Files.list(root)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        if (!name.matches("[0-9a-f]{64}") || !Files.isDirectory(p)) continue;
        Path idFile = root.resolve(name + ID_SUFFIX);
        String id = Files.exists(idFile) ? Files.readString(idFile) : name;
        boolean inUse;
        synchronized (users) {
          inUse = users.getOrDefault(p, 0) > 0;
        }
        out.add(new CacheDir(name, id, p, inUse));
      }
    }
    return out;
  }

  /**
   * Removes cache directory {@code name} unless a RUN step has it mounted. It is first renamed
   * away (atomic, so no new user can get it), then deleted; a crash in between leaves a
   * {@code .removing-} directory that the next start deletes.
   */
  public boolean removeIfIdle(String name) throws IOException {
    Path dir = root.resolve(name);
    Path doomed = root.resolve(REMOVING + name);
    synchronized (users) {
      if (users.getOrDefault(dir, 0) > 0 || !Files.isDirectory(dir)) return false;
      Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
      Files.deleteIfExists(root.resolve(name + ID_SUFFIX));
    }
    Trees.deleteRecursively(doomed);
    return true;
  }

  /** A directory in use until the lease is closed. */
  public interface Lease extends AutoCloseable {
    Path dir();

    @Override
    void close() throws IOException;
  }

  public Lease acquire(String id, CacheSharingOpt sharing) throws IOException, InterruptedException {
    Path dir = root.resolve(Digest.of(id.getBytes(StandardCharsets.UTF_8)).hex());
    use(dir, id);
    try {
      Lease lease = switch (sharing) {
        case LOCKED -> locked(id, dir);
        case PRIVATE -> privateDir(dir);
        default -> lease(dir, () -> {});
      };
      return lease(lease.dir(), () -> {
        try {
          lease.close();
        } finally {
          unuse(dir);
        }
      });
    } catch (IOException | InterruptedException | RuntimeException e) {
      unuse(dir);
      throw e;
    }
  }

  /** Counts a user of {@code dir}, creating it if needed; its mtime is the last-used time {@code kiln du} shows. */
  private void use(Path dir, String id) throws IOException {
    synchronized (users) {
      Files.createDirectories(dir);
      Path idFile = root.resolve(dir.getFileName() + ID_SUFFIX);
      if (!Files.exists(idFile)) Files.writeString(idFile, id);
      Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis()));
      users.merge(dir, 1, Integer::sum);
    }
  }

  private void unuse(Path dir) {
    synchronized (users) {
      users.computeIfPresent(dir, (d, n) -> n > 1 ? n - 1 : null);
    }
  }

  private Lease locked(String id, Path dir) throws InterruptedException {
    ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock(true));
    lock.lockInterruptibly();
    return lease(dir, lock::unlock);
  }

  private Lease privateDir(Path dir) throws IOException {
    synchronized (busy) {
      if (busy.add(dir)) {
        return lease(dir, () -> {
          synchronized (busy) {
            busy.remove(dir);
          }
        });
      }
    }
    Path fresh = Files.createTempDirectory(root, "private-");
    return lease(fresh, () -> Trees.deleteRecursively(fresh));
  }

  private interface Release {
    void run() throws IOException;
  }

  private static Lease lease(Path dir, Release release) {
    return new Lease() {
      @Override
      public Path dir() {
        return dir;
      }

      @Override
      public void close() throws IOException {
        release.run();
      }
    };
  }
}
