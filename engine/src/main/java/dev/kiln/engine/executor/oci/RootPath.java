package dev.kiln.engine.executor.oci;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Resolves container paths to host paths inside a root directory, following symlinks as the
 * container would see them: absolute link targets and {@code ..} stay inside the root (like Go's
 * {@code securejoin.SecureJoin}), so a hostile image cannot make the executor touch host files.
 * Not safe against a rootfs that changes concurrently; the executor owns the rootfs while it runs.
 */
public final class RootPath {
  private static final int MAX_SYMLINKS = 255;

  private RootPath() {}

  /**
   * The host path for {@code containerPath} under {@code root}, every existing component resolved.
   * The result is always {@code root} or below it; components that do not exist are kept as named.
   */
  public static Path resolve(Path root, String containerPath) throws IOException {
    Deque<String> pending = new ArrayDeque<>(split(containerPath));
    Deque<String> resolved = new ArrayDeque<>();
    int links = 0;
    while (!pending.isEmpty()) {
      String name = pending.removeFirst();
      if (name.equals("..")) {
        resolved.pollLast(); // ".." at the root stays at the root
        continue;
      }
      Path candidate = join(root, resolved).resolve(name);
      if (!Files.isSymbolicLink(candidate)) {
        resolved.addLast(name);
        continue;
      }
      if (++links > MAX_SYMLINKS) {
        throw new FileSystemException(containerPath, null, "too many levels of symbolic links");
      }
      String target = Files.readSymbolicLink(candidate).toString();
      if (target.startsWith("/")) {
        resolved.clear();
      }
      List<String> parts = split(target);
      for (int i = parts.size() - 1; i >= 0; i--) {
        pending.addFirst(parts.get(i));
      }
    }
    return join(root, resolved);
  }

  /**
   * Creates {@code containerPath} and its missing parents as directories with mode 0755, owned by
   * {@code uid:gid} (only the directories it creates), and returns the host path.
   */
  public static Path mkdirs(Path root, String containerPath, long uid, long gid)
      throws IOException {
    Path target = resolve(root, containerPath);
    if (target.equals(root)) {
      return root;
    }
    Path current = root;
    for (Path name : root.relativize(target)) {
      current = current.resolve(name);
      if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
          throw new FileSystemException(current.toString(), null, "not a directory");
        }
        continue;
      }
      Files.createDirectory(current);
      Files.setAttribute(current, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(current, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(current, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
    }
    return target;
  }

  private static List<String> split(String path) {
    return java.util.Arrays.stream(path.split("/"))
        .filter(s -> !s.isEmpty() && !s.equals("."))
        .toList();
  }

  private static Path join(Path root, Deque<String> names) {
    Path p = root;
    for (String n : names) {
      p = p.resolve(n);
    }
    return p;
  }
}
