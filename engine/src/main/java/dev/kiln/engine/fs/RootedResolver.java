package dev.kiln.engine.fs;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Maps a path inside a container root to a host path, following symlinks as if the root were
 * {@code /}: absolute link targets restart at the root, {@code ..} stops at the root. Every
 * component of the result is a real directory inside the root or does not exist yet, so the
 * result never leads outside (like Go's securejoin and continuity's {@code fs.RootPath}).
 *
 * <p>Checks are path based: a concurrent writer inside the root could still swap a directory for
 * a symlink between resolution and use. Kiln's file ops run on snapshots nothing else writes.
 */
public final class RootedResolver {
  /** Linux's own limit on symlinks followed during one lookup. */
  static final int MAX_SYMLINKS = 40;

  private RootedResolver() {}

  /** The host path of {@code path}, following every symlink including the last component. */
  public static Path resolve(Path root, String path) throws IOException {
    return walk(root, path, true);
  }

  /**
   * The host path of {@code path} following symlinks in its parents only: a final symlink is
   * the result itself (what rm and a no-follow copy act on).
   */
  public static Path resolveNoFollow(Path root, String path) throws IOException {
    return walk(root, path, false);
  }

  /** The in-root spelling of a host path under {@code root}, for messages: {@code /a/b}. */
  public static String inRoot(Path root, Path host) {
    Path rel = root.toAbsolutePath().normalize().relativize(host.toAbsolutePath().normalize());
    return "/" + rel.toString();
  }

  /** Lexically cleans an in-root path to {@code /a/b} form: no {@code .}, {@code ..} clamped. */
  public static String clean(String path) {
    List<String> out = new ArrayList<>();
    for (String c : path.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!out.isEmpty()) {
          out.removeLast();
        }
        continue;
      }
      out.add(c);
    }
    return "/" + String.join("/", out);
  }

  private static Path walk(Path root, String path, boolean followLast) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    Deque<String> pending = new ArrayDeque<>(components(path));
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String c = pending.removeFirst();
      if (c.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.removeLast();
        }
        continue;
      }
      Path host = join(base, resolved).resolve(c);
      boolean last = pending.isEmpty();
      if ((last && !followLast) || !Files.isSymbolicLink(host)) {
        resolved.add(c);
        continue;
      }
      if (++links > MAX_SYMLINKS) {
        throw new FileSystemLoopException(clean(path));
      }
      String target = Files.readSymbolicLink(host).toString();
      if (target.startsWith("/")) {
        resolved.clear();
      }
      List<String> expanded = components(target);
      for (int i = expanded.size() - 1; i >= 0; i--) {
        pending.addFirst(expanded.get(i));
      }
    }
    return join(base, resolved);
  }

  private static List<String> components(String path) {
    List<String> out = new ArrayList<>();
    for (String c : path.split("/")) {
      if (!c.isEmpty() && !c.equals(".")) {
        out.add(c);
      }
    }
    return out;
  }

  private static Path join(Path base, List<String> components) {
    return components.isEmpty() ? base : base.resolve(String.join("/", components));
  }
}
