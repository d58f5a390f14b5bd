package dev.kiln.engine.gc;

import dev.kiln.engine.fs.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Directories under one root that builds use in place and the collector may delete (the git
 * source's bare mirrors): a count of users per directory, its mtime as the last use, and a
 * description kept inside it (in {@code description}, where git keeps a repository's). A directory goes only while nobody uses
 * it: it is renamed away atomically under the same lock that counts users, so a build either gets
 * it before the rename (and the collector refuses) or finds it gone and makes it anew. Thread-safe.
 */
public final class InUseDirs {
  private static final String DESCRIPTION = "description";
  private static final String REMOVING = ".removing-";

  private final Path root;
  /** Users per directory, guarded by itself. */
  private final Map<Path, Integer> users = new HashMap<>();

  /** Opens {@code root}, deleting what a crash left half-removed. */
  public InUseDirs(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
    try (var entries = Files.list(root)) {
      for (Path p : entries.toList()) {
        if (p.getFileName().toString().startsWith(REMOVING)) Trees.deleteRecursively(p);
      }
    }
  }

  /** One directory as {@code kiln du} sees it. */
  public record Entry(String name, Path dir, String description, boolean inUse) {}

  /** A use of a directory; closing it stamps the directory as used now. */
  public interface Use extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Counts a user of {@code dir} (a child of the root, which the user may still have to make) until
   * the use is closed; {@code description} is recorded then, unless the directory has one.
   */
  public Use use(Path dir, String description) {
    synchronized (users) {
      users.merge(dir, 1, Integer::sum);
    }
    return new Use() {
      private boolean closed;

      @Override
      public void close() {
        synchronized (users) {
          if (closed) return;
          closed = true;
          users.computeIfPresent(dir, (d, n) -> n > 1 ? n - 1 : null);
          stamp(dir, description);
        }
      }
    };
  }

  /** Every directory directly under the root (not half-removed ones), with whether it is used now. */
  public List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    try (var entries = Files.list(root)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(REMOVING) || !Files.isDirectory(p)) continue;
        Path descriptionFile = p.resolve(DESCRIPTION);
        String description = Files.exists(descriptionFile) ? Files.readString(descriptionFile) : name;
        boolean inUse;
        synchronized (users) {
          inUse = users.getOrDefault(p, 0) > 0;
        }
        out.add(new Entry(name, p, description, inUse));
      }
    }
    return out;
  }

  /**
   * Deletes directory {@code name} unless someone uses it or used it at or after {@code fence}
   * (epoch millis). A crash between the rename and the deletion leaves a {@code .removing-}
   * directory that the next start deletes.
   */
  public boolean removeIfUnusedSince(String name, long fence) throws IOException {
    Path dir = root.resolve(name);
    Path doomed = root.resolve(REMOVING + name);
    synchronized (users) {
      if (users.getOrDefault(dir, 0) > 0 || !Files.isDirectory(dir)
          || Files.getLastModifiedTime(dir).toMillis() >= fence) {
        return false;
      }
      Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
    }
    Trees.deleteRecursively(doomed);
    return true;
  }

  private static void stamp(Path dir, String description) {
    try {
      if (!Files.isDirectory(dir)) return;
      Path file = dir.resolve(DESCRIPTION);
      if (!Files.exists(file) || Files.readString(file).startsWith("Unnamed repository")) Files.writeString(file, description);
      Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // the next use stamps it again; a stale time only makes it an earlier candidate
    }
  }
}
