package dev.kiln.engine.snapshot.overlay;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.Xattrs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Looks a path up in a stack of lower layers as overlayfs would show it, without mounting: the
 * nearest layer that has it wins; a whiteout, a non-directory on the way or an opaque directory
 * above ends the search. Each component is lstat-ed in turn, so a symlink in a layer is never
 * followed out of it. A redirected directory makes the answer "unknown" (empty), as does a
 * whiteout.
 */
final class LowerLayers {
  static final String OPAQUE = "trusted.overlay.opaque";
  static final String REDIRECT = "trusted.overlay.redirect";

  private LowerLayers() {}

  /** The entry at {@code rel} (relative, '/'-separated) in the merged {@code layers}, nearest first. */
  static Optional<Path> find(List<Path> layers, String rel) throws IOException {
    String[] names = rel.split("/");
    for (Path layer : layers) {
      Path p = layer;
      boolean hidesBelow = false;
      for (int i = 0; i < names.length; i++) {
        p = p.resolve(names[i]);
        Optional<Stat> st = lstat(p);
        if (st.isEmpty()) break;
        if (isWhiteout(st.get())) return Optional.empty();
        boolean last = i == names.length - 1;
        if (!st.get().isDirectory()) return last ? Optional.of(p) : Optional.empty();
        if (Xattrs.get(p, REDIRECT).isPresent()) return Optional.empty();
        if (last) return Optional.of(p);
        hidesBelow |= isOpaque(p);
      }
      if (hidesBelow) return Optional.empty();
    }
    return Optional.empty();
  }

  /** Like {@link #find}, when the entry is a directory. */
  static Optional<Path> directory(List<Path> layers, String rel) throws IOException {
    Optional<Path> p = find(layers, rel);
    return p.isPresent() && PosixFiles.lstat(p.get()).isDirectory() ? p : Optional.empty();
  }

  static boolean isOpaque(Path dir) throws IOException {
    return Xattrs.get(dir, OPAQUE).map(v -> v.length == 1 && v[0] == 'y').orElse(false);
  }

  private static boolean isWhiteout(Stat st) {
    return st.type() == Stat.S_IFCHR && st.rdev() == 0;
  }

  private static Optional<Stat> lstat(Path p) throws IOException {
    return PosixFiles.lstatIfExists(p);
  }
}
