package dev.kiln.engine.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Expands a source path with Go {@code filepath.Match} wildcards inside a root, like fsutil's
 * {@code ResolveWildcards}: the components before the first wildcard are resolved through the
 * root, the rest is matched against paths below it. A matched directory is not searched further;
 * symlinked directories below the prefix are not entered.
 */
public final class Wildcards {
  private Wildcards() {}

  /**
   * In-root paths ({@code /a/b.txt}) matching {@code pattern}, sorted; the path itself, cleaned,
   * when it has no wildcard (whether it exists or not).
   */
  public static List<String> expand(Path root, String pattern, boolean followLinks)
      throws IOException {
    String clean = RootedResolver.clean(pattern);
    String[] parts = clean.substring(1).split("/");
    int first = 0;
    while (first < parts.length && !GoGlob.hasWildcard(parts[first])) {
      first++;
    }
    if (first == parts.length) {
      return List.of(clean);
    }
    String prefix = "/" + String.join("/", List.of(parts).subList(0, first));
    List<Pattern> tail = new ArrayList<>();
    for (int i = first; i < parts.length; i++) {
      tail.add(GoGlob.compile(parts[i], false));
    }
    Path base =
        followLinks
            ? RootedResolver.resolve(root, prefix)
            : RootedResolver.resolveNoFollow(root, prefix);
    List<String> out = new ArrayList<>();
    collect(base, prefix.equals("/") ? "" : prefix, tail, 0, out);
    return out;
  }

  /**
   * A wildcard never matches '/', so the matches sit exactly {@code tail.size()} levels down:
   * match level by level instead of walking the whole tree.
   */
  private static void collect(Path dir, String inRoot, List<Pattern> tail, int depth, List<String> out)
      throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        names.add(e.getFileName().toString());
      }
    }
    names.sort(null);
    Pattern pattern = tail.get(depth);
    for (String name : names) {
      if (!pattern.matcher(name).matches()) {
        continue;
      }
      if (depth == tail.size() - 1) {
        out.add(inRoot + "/" + name);
      } else {
        collect(dir.resolve(name), inRoot + "/" + name, tail, depth + 1, out);
      }
    }
  }
}
