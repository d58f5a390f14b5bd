package dev.kiln.engine.fs;

import dev.kiln.engine.fs.Metadata.Overrides;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * BuildKit's {@code docopy} + fsutil {@code Copy}: expands wildcards, decides where each source
 * lands (into an existing directory or onto the destination name), unpacks archives when asked,
 * and hands each source to a {@link CopyWalker}.
 */
final class CopyRunner {
  private final Path srcRoot;
  private final Path destRoot;
  private final Copy action;
  private final Overrides overrides;
  private final PatternMatcher include;
  private final PatternMatcher exclude;
  private final HardLinks shared;

  CopyRunner(Path srcRoot, Path destRoot, Copy action, HardLinks shared) {
    this.srcRoot = srcRoot;
    this.destRoot = destRoot;
    this.action = action;
    this.overrides = new Overrides(action.owner(), action.mode(), action.time());
    this.include = PatternMatcher.of(action.includePatterns());
    this.exclude = PatternMatcher.of(action.excludePatterns());
    this.shared = shared;
  }

  void run() throws IOException {
    if (!action.createDestPath()) {
      Path parent = parentWithin(destRoot, RootedResolver.resolve(destRoot, action.dest()));
      if (!Files.isDirectory(parent)) {
        throw new NoSuchFileException(RootedResolver.inRoot(destRoot, parent));
      }
    }
    List<String> sources = sources();
    // With several sources a later one may land on a name an earlier one gave a file in a new
    // directory: it must see that file, so each link holds its name from the start.
    HardLinks links = sources.size() == 1 ? shared : shared::link;
    try (CopyPool pool = new CopyPool(CopyPool.defaultParallelism())) {
      for (String src : sources) {
        if (action.attemptUnpack()
            && Unpacker.unpackIfArchive(srcRoot, src, destRoot, action.dest(), overrides)) {
          continue;
        }
        copyOne(src, pool, links);
      }
    }
  }

  private List<String> sources() throws IOException {
    if (!action.allowWildcard()) {
      return List.of(action.src());
    }
    List<String> matches = Wildcards.expand(srcRoot, action.src(), action.followSymlink());
    if (matches.isEmpty() && !action.allowEmptyWildcard()) {
      throw new NoSuchFileException(
          RootedResolver.clean(action.src()), null, "no source files match the pattern");
    }
    return matches;
  }

  private void copyOne(String src, CopyPool pool, HardLinks links) throws IOException {
    String dest = action.dest();
    boolean destIsDir = dest.endsWith("/") || dest.endsWith("/.") || dest.equals(".");
    String ensure = destIsDir ? dest : parentOf(RootedResolver.clean(dest));
    Dirs.mkdirAll(RootedResolver.resolve(destRoot, ensure), 0755, action.owner(), action.time());

    Path srcHost =
        action.followSymlink()
            ? RootedResolver.resolve(srcRoot, src)
            : RootedResolver.resolveNoFollow(srcRoot, src);
    Stat srcSt = CopyWalker.lstatOrNull(srcHost);
    if (srcSt == null) {
      throw new NoSuchFileException(RootedResolver.clean(src));
    }
    Path target = target(src, srcSt, RootedResolver.resolve(destRoot, dest));
    new CopyWalker(overrides, include, exclude, action.alwaysReplaceExistingDestPaths(), pool, links)
        .copy(srcHost, target);
  }

  /** fsutil's prepareTargetDir: "into" an existing directory, else onto the name itself. */
  private Path target(String src, Stat srcSt, Path dest) throws IOException {
    boolean destExists = Files.exists(dest); // follows: dest was resolved through its links
    boolean destIsDir = Files.isDirectory(dest);
    boolean srcIsDir = srcSt.isDirectory();
    String base = baseName(src);
    if (((!action.dirCopyContents() && srcIsDir && destExists) || (!srcIsDir && destIsDir))
        && !base.isEmpty()) {
      dest = dest.resolve(base);
    }
    Path parent =
        action.dirCopyContents() && srcIsDir && !destExists ? dest : parentWithin(destRoot, dest);
    Dirs.mkdirAll(parent, 0755, action.owner(), action.time());
    return dest;
  }

  /** The parent of a resolved host path, but never above the root. */
  static Path parentWithin(Path root, Path host) {
    Path r = root.toAbsolutePath().normalize();
    return host.equals(r) ? r : host.getParent();
  }

  private static String parentOf(String cleanPath) {
    int slash = cleanPath.lastIndexOf('/');
    return slash <= 0 ? "/" : cleanPath.substring(0, slash);
  }

  private static String baseName(String path) {
    String clean = RootedResolver.clean(path);
    return clean.substring(clean.lastIndexOf('/') + 1);
  }
}
