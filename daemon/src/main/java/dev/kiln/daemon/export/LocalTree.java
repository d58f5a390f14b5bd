package dev.kiln.daemon.export;

import dev.kiln.engine.fs.TreeCopier;
import dev.kiln.engine.snapshot.MountedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one tree a {@code type=local} output sends for results of several platforms, as BuildKit's
 * local exporter lays them out: with {@code platform-split}, each platform under its
 * {@code os_arch[_variant]/} directory; without it, all platforms merged at the root, where a file
 * (anything but a directory) present in two platforms is an error even when identical.
 */
final class LocalTree {
  private final Path staging;
  private final boolean split;
  /** Merged output: relative path of each non-directory → the platform that brought it. */
  private final Map<String, String> owners = new HashMap<>();

  LocalTree(Path staging, boolean split) {
    this.staging = staging;
    this.split = split;
  }

  /** Adds one platform's result ({@code platformId} like {@code linux/arm64}, empty when unknown). */
  void add(MountedTree tree, String platformId) throws IOException {
    if (split) {
      // BuildKit: strings.ReplaceAll(platformID, "/", "_"); a result without a platform goes at the root.
      new TreeCopier().copy(tree.root(), staging.resolve(platformId.replace('/', '_')));
      return;
    }
    List<String> entries = entries(tree.root());
    for (String entry : entries) {
      if (Files.isDirectory(tree.root().resolve(entry), LinkOption.NOFOLLOW_LINKS)) continue;
      String previous = owners.putIfAbsent(entry, platformId);
      if (previous != null) {
        throw new IOException("cannot overwrite " + entry + " from " + previous + " with " + platformId
            + " when split option is disabled");
      }
    }
    new TreeCopier().copyEntries(tree.root(), staging, entries);
  }

  /** Every path under {@code root}, relative, parents before children. */
  private static List<String> entries(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()).toList();
    }
  }
}
