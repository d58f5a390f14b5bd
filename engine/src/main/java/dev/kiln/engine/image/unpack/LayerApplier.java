package dev.kiln.engine.image.unpack;

import dev.kiln.engine.fs.RootedResolver;
import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies one image layer — an uncompressed tar of changes with AUFS-style whiteouts — to a
 * snapshot's tree, as containerd's {@code archive.Apply} does. Entry names are in-root paths: a
 * name climbing above the root is refused, and symlinks met on the way are resolved inside the
 * root ({@link RootedResolver}), so nothing is ever written outside it. Not thread-safe; one
 * instance per layer.
 *
 * <p>An overlay layer can be applied before the layers below it exist ({@link #overlayBeforeLower}):
 * its upper dir depends on them only through the owner, mode and times of the directories it
 * creates as parents of its entries (copied from the lower ones), which {@link #completeWith} sets
 * afterwards, and through hardlinks to lower files, which make it throw {@link NeedsLowerLayers}.
 */
public final class LayerApplier {
  private static final String WHITEOUT = ".wh.";
  private static final String WHITEOUT_META = ".wh..wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private record DirTimes(Path dir, Instant atime, Instant mtime) {}

  /** A hardlink entry points at a file of a lower layer, which are not there yet: apply again once they are. */
  public static final class NeedsLowerLayers extends IOException {
    NeedsLowerLayers(String entry) {
      super("hardlink " + entry + " points into a lower layer");
    }
  }

  private final Path root;
  private final Whiteouts whiteouts;
  /** Null when the lower layers are known; else the parent directories created without them, in order. */
  private final List<String> parentsBeforeLower;
  /** Directories that got their metadata from an entry of their own (which wins over a lower one's owner and mode). */
  private final Set<Path> explicitDirs = new HashSet<>();
  private final List<DirTimes> dirTimes = new ArrayList<>();
  private final Set<Path> written = new HashSet<>();
  private final byte[] buffer = new byte[256 << 10];
  /**
   * Resolved parent directories by in-root path: most entries share their parent with the one
   * before. Valid until this layer removes something or creates a symlink (either can change what
   * a path resolves to); creating directories cannot.
   */
  private final Map<String, Path> parents = new HashMap<>();

  private LayerApplier(Path root, Whiteouts whiteouts, boolean lowerKnown) {
    this.root = root.toAbsolutePath().normalize();
    this.whiteouts = whiteouts;
    this.parentsBeforeLower = lowerKnown ? null : new ArrayList<>();
  }

  /**
   * For an overlayfs snapshot: writes into its upper dir {@code upper} with overlay whiteouts;
   * {@code lowerView} is the parent's merged (mounted) tree, empty for a first layer.
   */
  public static LayerApplier overlay(Path upper, Optional<Path> lowerView) {
    return new LayerApplier(upper, new Whiteouts.Overlay(lowerView), true);
  }

  /**
   * For an overlayfs snapshot whose lower layers are still being written: call {@link
   * #completeWith} with their merged view once they are complete. The result then equals what
   * {@link #overlay} writes.
   */
  public static LayerApplier overlayBeforeLower(Path upper) {
    return new LayerApplier(upper, new Whiteouts.Overlay(Optional.empty()), false);
  }

  /** For a snapshot holding a full tree (a copy of its parent's): deletions are applied in place. */
  public static LayerApplier inPlace(Path tree) {
    return new LayerApplier(tree, new Whiteouts.InPlace(), true);
  }

  /** Applies the uncompressed layer tar {@code in} (read up to the tar's end, not closed); returns the entry count. */
  public long apply(InputStream in) throws IOException {
    long entries = 0;
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      entry(tar, e);
      entries++;
    }
    // Directory times last: creating entries inside a directory moves its mtime.
    for (DirTimes d : dirTimes.reversed()) {
      PosixFiles.setTimes(d.dir(), d.atime(), d.mtime());
    }
    return entries;
  }

  private void entry(TarArchiveInputStream tar, TarArchiveEntry e) throws IOException {
    String name = EntryNames.clean(e.getName());
    if (name.equals("/")) {
      return; // the root's own metadata belongs to the snapshot, not to a layer
    }
    String base = EntryNames.base(name);
    if (base.startsWith(WHITEOUT)) {
      whiteoutEntry(name, base);
      return;
    }
    Path target = parentDir(EntryNames.parent(name)).resolve(base);
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (exists && !(e.isDirectory() && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))) {
      Nodes.deleteRecursively(target);
      parents.clear();
      exists = false;
    }
    if (e.isSymbolicLink()) {
      parents.clear();
    }
    written.add(target);
    if (e.isLink()) {
      Files.createLink(target, linkTarget(e));
      return; // a hardlink shares its target's metadata
    }
    if (!exists && !Nodes.create(tar, e, target, buffer)) {
      return;
    }
    Nodes.metadata(e, target, !e.isDirectory());
    if (e.isDirectory()) {
      explicitDirs.add(target);
      dirTimes.add(new DirTimes(target, Nodes.atime(e), e.getLastModifiedTime().toInstant()));
    }
  }

  private void whiteoutEntry(String name, String base) throws IOException {
    parents.clear();
    if (base.equals(OPAQUE)) {
      whiteouts.opaque(parentDir(EntryNames.parent(name)), written);
    } else if (!base.startsWith(WHITEOUT_META)) { // other .wh..wh. names are AUFS bookkeeping
      whiteouts.whiteout(parentDir(EntryNames.parent(name)), base.substring(WHITEOUT.length()));
    }
  }

  /** The host directory for in-root {@code dir}, created (shaped like the lower layers' one) if missing. */
  private Path parentDir(String dir) throws IOException {
    Path cached = parents.get(dir);
    if (cached != null) {
      return cached;
    }
    Path host = RootedResolver.resolve(root, dir);
    if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
      createParents(host);
    }
    parents.put(dir, host);
    return host;
  }

  private void createParents(Path host) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = host; !p.equals(root) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotDirectoryException(RootedResolver.inRoot(root, p) + " (a parent of a layer entry is not a directory)");
      }
      missing.addFirst(p);
    }
    for (Path p : missing) {
      if (parentsBeforeLower != null) {
        Nodes.mkdirLike(p, null);
        parentsBeforeLower.add(RootedResolver.inRoot(root, p));
        continue;
      }
      Optional<Path> lower = whiteouts.lower(RootedResolver.inRoot(root, p));
      Stat template = lower.isPresent() ? PosixFiles.lstat(lower.get()) : null;
      Nodes.mkdirLike(p, template != null && template.isDirectory() ? template : null);
      if (template != null && template.isDirectory()) {
        dirTimes.add(new DirTimes(p, template.atime(), template.mtime()));
      }
    }
  }

  /** The existing node a hardlink entry points at, copied up from a lower layer when needed. */
  private Path linkTarget(TarArchiveEntry e) throws IOException {
    String name = EntryNames.clean(e.getLinkName());
    Path existing = RootedResolver.resolveNoFollow(root, name);
    if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      return existing;
    }
    if (parentsBeforeLower != null) {
      throw new NeedsLowerLayers(e.getName());
    }
    Optional<Path> lower = whiteouts.lower(name);
    if (lower.isEmpty()) {
      throw new NoSuchFileException(e.getLinkName(), null, "hardlink target of " + e.getName() + " is missing");
    }
    Path copy = parentDir(EntryNames.parent(name)).resolve(EntryNames.base(name));
    Nodes.copyUp(lower.get(), copy);
    return copy;
  }

  /**
   * Finishes a layer applied by {@link #overlayBeforeLower} now that its lower layers are complete
   * ({@code lowerView} their merged tree, empty for none): the parent directories it created take
   * the owner and mode of the lower directory of the same path, unless an entry of the layer set
   * them, and its times, as {@link #overlay} would have done while applying.
   */
  public void completeWith(Optional<Path> lowerView) throws IOException {
    if (parentsBeforeLower == null) throw new IllegalStateException("the lower layers were known");
    Whiteouts lower = new Whiteouts.Overlay(lowerView);
    for (String dir : parentsBeforeLower) {
      Path host = RootedResolver.resolveNoFollow(root, dir);
      Optional<Path> below = lower.lower(dir);
      Stat template = below.isPresent() ? PosixFiles.lstat(below.get()) : null;
      if (template == null || !template.isDirectory() || !Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (!explicitDirs.contains(host)) {
        PosixFiles.lchown(host, template.uid(), template.gid());
        PosixFiles.chmod(host, template.perm());
      }
      PosixFiles.setTimes(host, template.atime(), template.mtime());
    }
  }
}
