package dev.kiln.engine.fs;

import dev.kiln.engine.sys.PosixFiles;
import dev.kiln.engine.sys.Stat;
import dev.kiln.engine.sys.SysException;
import dev.kiln.engine.sys.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar stream into a directory as if that directory were {@code /} (docker's
 * chrootarchive): names with {@code ..} escaping it are rejected, symlinks in the archive are
 * resolved inside it, owners, modes, xattrs and times come from the headers.
 */
final class TarExtractor {
  private static final String XATTR_PREFIX = "SCHILY.xattr.";

  private record DirTimes(Path dir, TarArchiveEntry entry) {}

  private final Path dest;
  private final List<DirTimes> dirs = new ArrayList<>();

  TarExtractor(Path dest) {
    this.dest = dest;
  }

  void extract(TarArchiveInputStream tar) throws IOException {
    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
      String name = entryName(e.getName());
      if (!name.equals("/")) {
        entry(tar, e, name);
      }
    }
    // Directory metadata last: extracting into a directory moves its mtime.
    for (DirTimes d : dirs.reversed()) {
      metadata(d.entry(), d.dir());
    }
  }

  private void entry(TarArchiveInputStream tar, TarArchiveEntry e, String name) throws IOException {
    Path target = RootedResolver.resolveNoFollow(dest, name);
    Dirs.mkdirAll(target.getParent(), 0755, null, null);
    boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    if (exists && !(e.isDirectory() && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))) {
      Trees.deleteRecursively(target);
      exists = false;
    }
    if (e.isDirectory()) {
      if (!exists) {
        Files.createDirectory(target);
      }
      dirs.add(new DirTimes(target, e));
      return;
    }
    if (!create(tar, e, target)) {
      return;
    }
    if (!e.isLink()) {
      metadata(e, target);
    }
  }

  /** Creates the node; false for entry types that have nothing to extract. */
  private boolean create(TarArchiveInputStream tar, TarArchiveEntry e, Path target)
      throws IOException {
    int perm = e.getMode() & 07777;
    if (e.isSymbolicLink()) {
      Files.createSymbolicLink(target, Path.of(e.getLinkName()));
    } else if (e.isLink()) {
      Path existing = RootedResolver.resolveNoFollow(dest, entryName(e.getLinkName()));
      if (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchFileException(e.getLinkName(), null, "hardlink target of " + e.getName());
      }
      Files.createLink(target, existing);
    } else if (e.isCharacterDevice() || e.isBlockDevice()) {
      int type = e.isCharacterDevice() ? Stat.S_IFCHR : Stat.S_IFBLK;
      PosixFiles.mknod(target, type | perm, Stat.makedev(e.getDevMajor(), e.getDevMinor()));
    } else if (e.isFIFO()) {
      PosixFiles.mknod(target, Stat.S_IFIFO | perm, 0);
    } else if (e.isFile()) {
      Files.copy(tar, target);
    } else {
      return false; // global/extension headers are consumed by the reader; others are skipped
    }
    return true;
  }

  private static void metadata(TarArchiveEntry e, Path target) throws IOException {
    PosixFiles.lchown(target, (int) e.getLongUserId(), (int) e.getLongGroupId());
    if (!e.isSymbolicLink()) {
      PosixFiles.chmod(target, e.getMode() & 07777);
    }
    for (Map.Entry<String, String> h : e.getExtraPaxHeaders().entrySet()) {
      if (h.getKey().startsWith(XATTR_PREFIX)) {
        try { // best effort, as docker's BestEffortXattrs
          Xattrs.set(
              target,
              h.getKey().substring(XATTR_PREFIX.length()),
              h.getValue().getBytes(StandardCharsets.UTF_8));
        } catch (SysException ignored) {
          // unsupported namespace or filesystem: the file is still usable
        }
      }
    }
    Instant mtime = e.getLastModifiedTime().toInstant();
    Instant atime = e.getLastAccessTime() != null ? e.getLastAccessTime().toInstant() : mtime;
    PosixFiles.setTimes(target, atime, mtime);
  }

  /** The cleaned in-root name; {@code ..} reaching above the destination is an error. */
  static String entryName(String raw) throws IOException {
    int depth = 0;
    for (String c : raw.split("/")) {
      if (c.equals("..")) {
        if (--depth < 0) {
          throw new IOException("archive entry " + raw + " points outside the destination");
        }
      } else if (!c.isEmpty() && !c.equals(".")) {
        depth++;
      }
    }
    return RootedResolver.clean(raw);
  }
}
