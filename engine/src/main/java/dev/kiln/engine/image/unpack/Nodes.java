package dev.kiln.engine.image.unpack;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.SysException;
import dev.kiln.engine.sys.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Creating one filesystem node from a tar header, and the small file operations around it. */
final class Nodes {
  private static final String XATTR_PREFIX = "SCHILY.xattr.";

  private Nodes() {}

  /**
   * Creates the node {@code e} describes at {@code target} (absent); false for entries with
   * nothing to create. {@code buffer} is the caller's, reused across files.
   */
  static boolean create(InputStream tar, TarArchiveEntry e, Path target, byte[] buffer) throws IOException {
    int perm = e.getMode() & 07777;
    if (e.isDirectory()) {
      Files.createDirectory(target);
    } else if (e.isSymbolicLink()) {
      Files.createSymbolicLink(target, Path.of(e.getLinkName()));
    } else if (e.isCharacterDevice() || e.isBlockDevice()) {
      int type = e.isCharacterDevice() ? Stat.S_IFCHR : Stat.S_IFBLK;
      PosixFiles.mknod(target, type | perm, Stat.makedev(e.getDevMajor(), e.getDevMinor()));
    } else if (e.isFIFO()) {
      PosixFiles.mknod(target, Stat.S_IFIFO | perm, 0);
    } else if (e.isFile()) {
      writeFile(tar, target, buffer);
    } else {
      return false; // sockets and unknown types: nothing a layer can carry meaningfully
    }
    return true;
  }

  private static void writeFile(InputStream tar, Path target, byte[] buffer) throws IOException {
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int n; (n = tar.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
    }
  }

  /** Owner, mode (after chown, which clears setuid), xattrs and, unless deferred, times. */
  static void metadata(TarArchiveEntry e, Path target, boolean times) throws IOException {
    PosixFiles.lchown(target, (int) e.getLongUserId(), (int) e.getLongGroupId());
    if (!e.isSymbolicLink()) {
      PosixFiles.chmod(target, e.getMode() & 07777);
    }
    for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
      if (h.getKey().startsWith(XATTR_PREFIX)) {
        setXattr(target, h.getKey().substring(XATTR_PREFIX.length()), h.getValue());
      }
    }
    if (times) {
      PosixFiles.setTimes(target, atime(e), e.getLastModifiedTime().toInstant());
    }
  }

  static Instant atime(TarArchiveEntry e) {
    return e.getLastAccessTime() != null ? e.getLastAccessTime().toInstant() : e.getLastModifiedTime().toInstant();
  }

  private static void setXattr(Path target, String name, String value) {
    try { // best effort, like containerd: a filesystem or namespace without support keeps the file usable
      Xattrs.set(target, name, value.getBytes(StandardCharsets.UTF_8));
    } catch (SysException ignored) {
      // e.g. EOPNOTSUPP on tmpfs for user.*, EPERM for trusted.* without CAP_SYS_ADMIN
    }
  }

  /** Creates directory {@code dir} shaped like {@code template} (owner, mode), or root-owned 0755. */
  static void mkdirLike(Path dir, Stat template) throws IOException {
    Files.createDirectory(dir);
    if (template != null) {
      PosixFiles.lchown(dir, template.uid(), template.gid());
      PosixFiles.chmod(dir, template.perm());
    } else {
      PosixFiles.chmod(dir, 0755);
    }
  }

  /** Copies a lower layer's file or symlink into this layer, keeping owner, mode, xattrs and times. */
  static void copyUp(Path lower, Path target) throws IOException {
    Stat st = PosixFiles.lstat(lower);
    if (!st.isRegularFile() && !st.isSymlink()) {
      throw new IOException("cannot hardlink to " + lower.getFileName() + ": only files and symlinks of lower layers can be linked");
    }
    Files.copy(lower, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    PosixFiles.lchown(target, st.uid(), st.gid());
    if (!st.isSymlink()) {
      PosixFiles.chmod(target, st.perm());
    }
    for (String name : Xattrs.list(lower)) {
      Xattrs.get(lower, name).ifPresent(v -> {
        try {
          Xattrs.set(target, name, v);
        } catch (SysException ignored) {
          // best effort, as for xattrs from headers
        }
      });
    }
    PosixFiles.setTimes(target, st.atime(), st.mtime());
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(p);
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path q : all) {
        Files.deleteIfExists(q);
      }
    }
  }
}
