package dev.kiln.engine.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code user}, {@code uid}, {@code user:group} or {@code uid:gid} against a root's
 * {@code /etc/passwd} and {@code /etc/group} (read through {@link RootedResolver}), as BuildKit
 * does for {@code --chown}: a numeric user without a group gets gid = uid; a named one, its
 * primary group.
 */
public final class UserDb {
  private UserDb() {}

  /** Parses {@code spec} ({@code user[:group]}) and resolves it in {@code root}. */
  public static Owner resolve(Path root, String spec) throws IOException {
    int colon = spec.indexOf(':');
    return colon < 0
        ? resolve(root, spec, null)
        : resolve(root, spec.substring(0, colon), spec.substring(colon + 1));
  }

  /** {@code group} may be null or empty: then the user's own group applies. */
  public static Owner resolve(Path root, String user, String group) throws IOException {
    if (user.isEmpty()) {
      throw new IllegalArgumentException("empty user in owner spec");
    }
    int uid;
    int gid;
    Optional<Integer> numericUser = number(user);
    if (numericUser.isPresent()) {
      uid = numericUser.get();
      gid = uid;
    } else {
      String[] entry =
          find(root, "/etc/passwd", user)
              .orElseThrow(() -> unknown("user", user, "/etc/passwd"));
      uid = field(entry, 2, "/etc/passwd");
      gid = field(entry, 3, "/etc/passwd");
    }
    if (group != null && !group.isEmpty()) {
      gid = resolveGroup(root, group);
    }
    return new Owner(uid, gid);
  }

  private static int resolveGroup(Path root, String group) throws IOException {
    Optional<Integer> numeric = number(group);
    if (numeric.isPresent()) {
      return numeric.get();
    }
    String[] entry =
        find(root, "/etc/group", group).orElseThrow(() -> unknown("group", group, "/etc/group"));
    return field(entry, 2, "/etc/group");
  }

  /** The colon-separated fields of the first line whose name is {@code name}. */
  private static Optional<String[]> find(Path root, String file, String name) throws IOException {
    for (String line : lines(root, file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(":", -1);
      if (fields.length >= 3 && fields[0].equals(name)) {
        return Optional.of(fields);
      }
    }
    return Optional.empty();
  }

  private static List<String> lines(Path root, String file) throws IOException {
    Path host = RootedResolver.resolve(root, file);
    if (!Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try {
      return Files.readAllLines(host, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  private static int field(String[] fields, int index, String file) throws IOException {
    Optional<Integer> n = index < fields.length ? number(fields[index]) : Optional.empty();
    if (n.isEmpty()) {
      throw new IOException("malformed entry for " + fields[0] + " in " + file);
    }
    return n.get();
  }

  private static Optional<Integer> number(String s) {
    if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseUnsignedInt(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static IOException unknown(String kind, String name, String file) {
    return new IOException("unknown " + kind + " " + name + ": no matching entry in " + file);
  }
}
