package dev.kiln.engine.image.unpack;

import dev.kiln.engine.fs.RootedResolver;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How a layer's deletions ({@code .wh.NAME} and {@code .wh..wh..opq} entries) reach a snapshot,
 * which depends on how the snapshot stores its tree.
 */
sealed interface Whiteouts {
  /** Hides {@code name} inside the already-resolved directory {@code dir}. */
  void whiteout(Path dir, String name) throws IOException;

  /** Hides everything lower layers put in {@code dir}, keeping what this layer wrote ({@code written}). */
  void opaque(Path dir, Set<Path> written) throws IOException;

  /**
   * The node at an in-root path in the tree below this layer, when the snapshot holds only its
   * own changes (then a missing parent directory or hardlink target is copied up from there).
   */
  Optional<Path> lower(String inRoot) throws IOException;

  /**
   * The snapshot is an overlayfs upper directory: deletions become overlay whiteouts (a 0/0
   * character device) and opaque directories (xattr {@code trusted.overlay.opaque=y}), exactly
   * what the kernel itself writes. {@code lowerView} is the parent's merged tree, or empty.
   */
  record Overlay(Optional<Path> lowerView) implements Whiteouts {
    @Override
    public void whiteout(Path dir, String name) throws IOException {
      Path target = dir.resolve(name);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Nodes.deleteRecursively(target);
      }
      PosixFiles.mkWhiteout(target);
    }

    @Override
    public void opaque(Path dir, Set<Path> written) throws IOException {
      // The upper dir holds only this layer's entries, so marking it hides exactly the lower ones.
      Xattrs.set(dir, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Optional<Path> lower(String inRoot) throws IOException {
      if (lowerView.isEmpty()) {
        return Optional.empty();
      }
      Path p = RootedResolver.resolveNoFollow(lowerView.get(), inRoot);
      return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? Optional.of(p) : Optional.empty();
    }
  }

  /** The snapshot is a full tree (copy driver): deletions are applied to it directly. */
  record InPlace() implements Whiteouts {
    @Override
    public void whiteout(Path dir, String name) throws IOException {
      Path target = dir.resolve(name);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Nodes.deleteRecursively(target);
      }
    }

    @Override
    public void opaque(Path dir, Set<Path> written) throws IOException {
      try (Stream<Path> children = Files.list(dir)) {
        for (Path child : children.toList()) {
          if (!written.contains(child)) {
            Nodes.deleteRecursively(child);
          }
        }
      }
    }

    @Override
    public Optional<Path> lower(String inRoot) {
      return Optional.empty();
    }
  }
}
