package dev.kiln.engine.snapshot.overlay;

import dev.kiln.engine.snapshot.DirectorySize;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drops the directories an unmounted upper dir holds only as copies of lower ones: empty, neither
 * opaque nor redirected, with the mode, owner, mtime and extended attributes of the directory they
 * cover. The kernel copies a directory up as soon as anything is created in it — a mount point
 * runc needs, removed again after the run — and without this the step's layer would carry that
 * directory although the merged tree is unchanged. Walks the whole upper dir once, measuring it on
 * the way (regular file bytes, as {@link dev.kiln.engine.snapshot.DirectorySize}).
 */
final class UnchangedDirs {
  private static final String OPAQUE = LowerLayers.OPAQUE;
  private static final String REDIRECT = LowerLayers.REDIRECT;
  private static final String OVERLAY_PRIVATE = "trusted.overlay.";

  /** The lower layers' directories, nearest first; listed only when a candidate turns up. */
  @FunctionalInterface
  interface Layers {
    List<Path> get() throws IOException;
  }

  private final Path upper;
  private final Layers layerSource;
  private List<Path> layers;
  private long size;

  private UnchangedDirs(Path upper, Layers layers) {
    this.upper = upper;
    this.layerSource = layers;
  }

  /** Drops unchanged copies under {@code upper} and returns the bytes of the regular files left. */
  static long dropAndMeasure(Path upper, Layers layers) throws IOException {
    UnchangedDirs walk = new UnchangedDirs(upper, layers);
    walk.visit(upper, "");
    return walk.size;
  }

  /** Whether {@code dir} holds nothing once its own unchanged subdirectories are dropped. */
  private boolean visit(Path dir, String rel) throws IOException {
    String[] names = dir.toFile().list();
    if (names == null) throw new IOException("cannot list " + dir);
    boolean empty = true;
    for (String name : names) {
      Path child = dir.resolve(name);
      Stat st = PosixFiles.lstat(child);
      if (st.isDirectory()) {
        String childRel = rel + name;
        if (visit(child, childRel + "/") && copyOfLower(child, st, childRel)) {
          Files.delete(child);
          continue;
        }
      } else if (st.isRegularFile()) {
        size += DirectorySize.share(st);
      }
      empty = false;
    }
    return empty;
  }

  private boolean copyOfLower(Path dir, Stat st, String rel) throws IOException {
    Map<String, byte[]> own = xattrs(dir);
    if (own.containsKey(OPAQUE) || own.containsKey(REDIRECT) || underOpaque(rel)) return false;
    if (layers == null) layers = layerSource.get();
    Optional<Path> lower = LowerLayers.directory(layers, rel);
    if (lower.isEmpty()) return false;
    Stat below = PosixFiles.lstat(lower.get());
    return below.mode() == st.mode() && below.uid() == st.uid() && below.gid() == st.gid()
        && below.mtime().equals(st.mtime()) && sameVisible(own, xattrs(lower.get()));
  }

  /** Whether an upper ancestor of {@code rel} hides or moves what the lower layers have there. */
  private boolean underOpaque(String rel) throws IOException {
    Path p = upper;
    String[] names = rel.split("/");
    for (int i = 0; i < names.length - 1; i++) {
      p = p.resolve(names[i]);
      if (LowerLayers.isOpaque(p) || Xattrs.get(p, REDIRECT).isPresent()) return true;
    }
    return false;
  }

  static Map<String, byte[]> xattrs(Path p) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    for (String name : Xattrs.list(p)) {
      Xattrs.get(p, name).ifPresent(v -> out.put(name, v));
    }
    return out;
  }

  /** The same attributes apart from overlayfs' own bookkeeping (origin, impure …). */
  private static boolean sameVisible(Map<String, byte[]> a, Map<String, byte[]> b) {
    Map<String, byte[]> left = visible(a);
    Map<String, byte[]> right = visible(b);
    if (!left.keySet().equals(right.keySet())) return false;
    return left.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), right.get(e.getKey())));
  }

  static Map<String, byte[]> visible(Map<String, byte[]> attrs) {
    Map<String, byte[]> out = new HashMap<>(attrs);
    out.keySet().removeIf(k -> k.startsWith(OVERLAY_PRIVATE));
    return out;
  }
}
