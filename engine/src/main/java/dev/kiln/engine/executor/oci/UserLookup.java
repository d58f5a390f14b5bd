package dev.kiln.engine.executor.oci;

import dev.kiln.engine.executor.ExecSetupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Resolves a {@code USER} string ({@code name}, {@code uid}, {@code uid:gid}, {@code name:group},
 * empty for root) against the rootfs' {@code /etc/passwd} and {@code /etc/group}, with the
 * semantics of runc's {@code user.GetExecUser} that BuildKit uses: a matched user gets its primary
 * gid and, unless a group is given, the gids of the groups that list it as a member; unmatched
 * numeric ids are used as they are; an unmatched name is an error.
 */
public final class UserLookup {
  private static final long MAX_ID = (1L << 31) - 1;

  private UserLookup() {}

  /** The ids the process runs with. */
  public record ResolvedUser(long uid, long gid, List<Long> additionalGids) {
    public ResolvedUser {
      additionalGids = List.copyOf(additionalGids);
    }
  }

  public static ResolvedUser lookup(Path rootfs, String spec) throws ExecSetupException {
    if (spec.isEmpty()) {
      return new ResolvedUser(0, 0, List.of());
    }
    int colon = spec.indexOf(':');
    String userArg = colon < 0 ? spec : spec.substring(0, colon);
    String groupArg = colon < 0 ? "" : spec.substring(colon + 1);
    OptionalLong uidArg = parseId(userArg);
    OptionalLong gidArg = parseId(groupArg);
    if (uidArg.isPresent() && gidArg.isPresent()) {
      return new ResolvedUser(uidArg.getAsLong(), gidArg.getAsLong(), List.of()); // no lookup
    }
    List<String[]> passwd = readDatabase(rootfs, "/etc/passwd");
    Optional<String[]> entry =
        passwd.stream()
            .filter(e -> e.length >= 4)
            .filter(e -> uidArg.isPresent() ? matchesId(e[2], uidArg) : e[0].equals(userArg))
            .findFirst();
    if (entry.isEmpty() && uidArg.isEmpty()) {
      throw new ExecSetupException(
          "unable to find user " + userArg + ": no matching entries in passwd file");
    }
    long uid = entry.map(e -> parseId(e[2]).orElse(0)).orElse(uidArg.orElse(0));
    long gid = entry.map(e -> parseId(e[3]).orElse(0)).orElse(0L);
    if (groupArg.isEmpty() && entry.isEmpty()) {
      return new ResolvedUser(uid, gid, List.of());
    }
    List<String[]> groups = readDatabase(rootfs, "/etc/group");
    if (!groupArg.isEmpty()) {
      return new ResolvedUser(uid, groupId(groups, groupArg, gidArg), List.of());
    }
    String name = entry.get()[0];
    List<Long> additional = new ArrayList<>();
    for (String[] g : groups) {
      if (g.length >= 4 && List.of(g[3].split(",")).contains(name)) {
        parseId(g[2]).ifPresent(additional::add);
      }
    }
    return new ResolvedUser(uid, gid, additional);
  }

  private static long groupId(List<String[]> groups, String groupArg, OptionalLong gidArg)
      throws ExecSetupException {
    for (String[] g : groups) {
      if (g.length >= 3
          && (gidArg.isPresent() ? matchesId(g[2], gidArg) : g[0].equals(groupArg))) {
        return parseId(g[2]).orElse(0);
      }
    }
    if (gidArg.isEmpty()) {
      throw new ExecSetupException(
          "unable to find group " + groupArg + ": no matching entries in group file");
    }
    return gidArg.getAsLong();
  }

  private static boolean matchesId(String field, OptionalLong id) {
    return parseId(field).equals(id);
  }

  /** A decimal id in [0, 2^31-1]; empty for names, blanks and out-of-range numbers. */
  static OptionalLong parseId(String s) {
    if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    long v = Long.parseLong(s);
    return v <= MAX_ID ? OptionalLong.of(v) : OptionalLong.empty();
  }

  /** Colon-separated lines of a passwd-style file; a missing file reads as empty. */
  private static List<String[]> readDatabase(Path rootfs, String containerPath)
      throws ExecSetupException {
    try {
      Path file = RootPath.resolve(rootfs, containerPath);
      if (!Files.isRegularFile(file)) {
        return List.of();
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .map(l -> l.split(":", -1))
          .toList();
    } catch (IOException e) {
      throw new ExecSetupException("cannot read " + containerPath + " in the rootfs: " + e, e);
    }
  }
}
