package dev.kiln.engine.fs;

import dev.kiln.engine.fs.Metadata.Overrides;
import dev.kiln.engine.fs.Metadata.XattrPolicy;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies one resolved source entry onto a target path with fsutil's rules: directories merge
 * into existing ones, other entries replace what is there (never a directory), include/exclude
 * patterns filter by path relative to the source, directories holding only included entries are
 * created lazily, hardlinks among copied files are kept. Regular file contents are copied on a
 * {@link CopyPool}, unless {@link HardLinks} shares the source's inode instead; links and
 * directory metadata follow once those are done.
 */
final class CopyWalker {
  /** A source directory on the current path; its target may not exist yet (lazy creation). */
  private static final class Frame {
    final Path target;
    boolean exists; // the target is a directory now
    boolean created; // ... because this copy made it

    Frame(Path target) {
      this.target = target;
    }
  }

  private record Inode(long dev, long ino) {}

  private record DirMeta(Stat st, Path src, Path target, boolean full) {}

  private final Overrides overrides;
  private final PatternMatcher include;
  private final PatternMatcher exclude;
  private final boolean replaceExisting;
  private final CopyPool pool;
  private final HardLinks shared;
  private final List<Frame> parents = new ArrayList<>();
  private final Map<Inode, Path> inodes = new HashMap<>();
  private final List<Path[]> links = new ArrayList<>();
  private final List<DirMeta> dirs = new ArrayList<>();

  CopyWalker(
      Overrides overrides,
      PatternMatcher include,
      PatternMatcher exclude,
      boolean replaceExisting,
      CopyPool pool,
      HardLinks shared) {
    this.overrides = overrides;
    this.include = include;
    this.exclude = exclude;
    this.replaceExisting = replaceExisting;
    this.pool = pool;
    this.shared = shared;
  }

  /** Copies {@code src} to {@code target}, then waits for every file and sets dir metadata. */
  void copy(Path src, Path target) throws IOException {
    entry(src, "", target, false, PatternMatcher.Match.NONE, PatternMatcher.Match.NONE);
    pool.await();
    for (Path[] link : links) {
      Files.createLink(link[0], link[1]);
    }
    for (DirMeta d : dirs) { // post-order: children before their parents
      if (d.full()) {
        Metadata.apply(d.st(), d.src(), d.target(), overrides, XattrPolicy.BEST_EFFORT);
      } else {
        Metadata.setTimes(d.st(), d.target(), overrides.time());
      }
    }
  }

  private void entry(
      Path src, String rel, Path target, boolean nested, PatternMatcher.Match inc, PatternMatcher.Match exc)
      throws IOException {
    Stat st = PosixFiles.lstat(src);
    boolean included = true;
    boolean excluded = false;
    if (!rel.isEmpty()) {
      if (!include.isEmpty()) {
        inc = include.matches(rel, inc);
        included = inc.matched();
      }
      if (!exclude.isEmpty()) {
        exc = exclude.matches(rel, exc);
        excluded = exc.matched();
        included &= !excluded;
      }
    }
    if (st.isDirectory()) {
      if (!included && excluded && !exclude.hasExclusions()) {
        return; // nothing below an excluded directory can come back
      }
      directory(src, st, rel, target, nested, included, inc, exc);
    } else if (included) {
      nonDirectory(src, st, target);
    }
  }

  private void directory(
      Path src,
      Stat st,
      String rel,
      Path target,
      boolean nested,
      boolean included,
      PatternMatcher.Match inc,
      PatternMatcher.Match exc)
      throws IOException {
    Frame frame = new Frame(target);
    if (included) {
      materializeParents();
      materialize(frame);
    }
    parents.add(frame);
    try {
      for (String name : sortedNames(src)) {
        String childRel = rel.isEmpty() ? name : rel + "/" + name;
        entry(src.resolve(name), childRel, target.resolve(name), true, inc, exc);
      }
    } finally {
      parents.removeLast();
    }
    if (frame.exists) {
      // A directory that existed at the top keeps its own mode and owner but takes the times.
      dirs.add(new DirMeta(st, src, target, nested || frame.created));
    }
  }

  private void nonDirectory(Path src, Stat st, Path target) throws IOException {
    materializeParents();
    boolean fresh = inNewDirectory();
    Stat existing = fresh ? null : lstatOrNull(target);
    if (existing != null) {
      if (existing.isDirectory() && !replaceExisting) {
        throw new IOException("cannot replace directory " + target + " with a file");
      }
      Trees.deleteRecursively(target);
    }
    // Before the inode map: a shared file is its source's inode, however many names that has.
    if (st.isRegularFile()
        && (fresh ? shared.linkInNewDirectory(src, st, target) : shared.link(src, st, target))) {
      return;
    }
    if (st.nlink() > 1) {
      Path first = inodes.putIfAbsent(new Inode(st.dev(), st.ino()), target);
      if (first != null) {
        links.add(new Path[] {target, first});
        return;
      }
    }
    if (st.isRegularFile()) {
      pool.submit(
          () -> {
            Nodes.create(st, src, target);
            Metadata.apply(st, src, target, overrides, XattrPolicy.BEST_EFFORT);
          });
    } else {
      Nodes.create(st, src, target);
      Metadata.apply(st, src, target, overrides, XattrPolicy.BEST_EFFORT);
    }
  }

  /** Creates the enclosing directories skipped so far because they matched no include. */
  private void materializeParents() throws IOException {
    for (Frame f : parents) {
      if (!f.exists) {
        materialize(f);
      }
    }
  }

  /** Makes {@code f.target} a directory; records whether this copy created it. */
  private void materialize(Frame f) throws IOException {
    int at = parents.indexOf(f);
    boolean parentNew = at > 0 ? parents.get(at - 1).created : at < 0 && inNewDirectory();
    Stat existing = parentNew ? null : lstatOrNull(f.target);
    if (existing != null && !existing.isDirectory()) {
      if (!replaceExisting) {
        throw new IOException("cannot copy a directory onto non-directory " + f.target);
      }
      Trees.deleteRecursively(f.target);
      existing = null;
    }
    if (existing == null) {
      Files.createDirectory(f.target);
      f.created = true;
    }
    f.exists = true;
  }

  /** Whether the directory being walked was created by this copy: nothing in it can exist yet. */
  private boolean inNewDirectory() {
    return !parents.isEmpty() && parents.getLast().created;
  }

  static Stat lstatOrNull(Path p) throws IOException {
    return PosixFiles.lstatIfExists(p).orElse(null);
  }

  static List<String> sortedNames(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        names.add(e.getFileName().toString());
      }
    }
    names.sort(null);
    return names;
  }
}
