package dev.kiln.engine.ops;

import dev.kiln.engine.fs.Trees;
import dev.kiln.llb.Digest;
import dev.kiln.proto.pb.CacheSharingOpt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
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
  private final Path root;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Set<Path> busy = new HashSet<>();

  public CacheMounts(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
  }

  /** A directory in use until the lease is closed. */
  public interface Lease extends AutoCloseable {
    Path dir();

    @Override
    void close() throws IOException;
  }

  public Lease acquire(String id, CacheSharingOpt sharing) throws IOException, InterruptedException {
    Path dir = root.resolve(Digest.of(id.getBytes(StandardCharsets.UTF_8)).hex());
    Files.createDirectories(dir);
    return switch (sharing) {
      case LOCKED -> locked(id, dir);
      case PRIVATE -> privateDir(dir);
      default -> lease(dir, () -> {});
    };
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
