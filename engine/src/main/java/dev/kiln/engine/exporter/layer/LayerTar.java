package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.sys.Stat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes changes as an OCI layer tar: PAX headers for long names, big numbers and xattrs,
 * whiteouts for deletions, hardlinks within the layer. Times are whole seconds and owner names
 * are left empty, so the same tree always gives the same bytes.
 */
final class LayerTar {
  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";

  private final TarArchiveOutputStream tar;
  private final Optional<Instant> clamp;
  private final Map<String, String> linksSeen = new HashMap<>();

  private LayerTar(OutputStream out, Optional<Instant> clamp) {
    this.tar = new TarArchiveOutputStream(out, 512, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    this.clamp = clamp;
  }

  /** Told before each entry is written, when all earlier entries have reached the tar's stream. */
  @FunctionalInterface
  interface EntryBoundary {
    EntryBoundary NONE = () -> {};

    void reached() throws IOException;
  }

  /** Writes {@code changes} in order and finishes the archive; {@code out} is not closed. */
  static void write(List<Change> changes, OutputStream out, Optional<Instant> clamp) throws IOException {
    write(changes, out, clamp, EntryBoundary.NONE);
  }

  /**
   * The same, telling {@code boundary} where each entry starts. With a 512-byte block, every entry
   * ends on a record the tar stream has already passed on to {@code out}.
   */
  static void write(List<Change> changes, OutputStream out, Optional<Instant> clamp, EntryBoundary boundary)
      throws IOException {
    LayerTar t = new LayerTar(out, clamp);
    try (ReadAhead ahead = new ReadAhead(changes)) {
      for (int i = 0; i < changes.size(); i++) {
        boundary.reached();
        switch (changes.get(i)) {
          case Change.Delete d -> t.marker(sibling(d.name(), WHITEOUT + baseName(d.name())));
          case Change.Opaque o -> t.marker(o.name() + "/" + OPAQUE);
          case Change.Add a -> t.entry(a.name(), a.source(), ahead.entry(i));
        }
      }
    }
    t.tar.finish();
    t.tar.flush();
  }

  private void marker(String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    e.setMode(0);
    e.setModTime(0);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private void entry(String name, Path source, ReadAhead.Entry read) throws IOException {
    Stat st = read.st();
    if (st.type() == Stat.S_IFSOCK) return; // tar cannot carry sockets; Docker skips them too
    TarArchiveEntry e = header(name, st, read.linkTarget());
    e.setMode(st.perm());
    e.setUserId(st.uid());
    e.setGroupId(st.gid());
    Instant mtime = clamp.filter(c -> st.mtime().isAfter(c)).orElse(st.mtime());
    e.setModTime(mtime.getEpochSecond() * 1000);
    Map<String, byte[]> xattrs = read.xattrs();
    if (xattrs.values().stream().allMatch(RawPax::isUtf8)) {
      xattrs.forEach((k, v) -> e.addPaxHeader("SCHILY.xattr." + k, new String(v, StandardCharsets.UTF_8)));
    } else {
      RawPax.write(tar, e, xattrs);
    }
    tar.putArchiveEntry(e);
    if (e.getLinkFlag() == TarConstants.LF_NORMAL) {
      if (read.content() != null) {
        tar.write(read.content());
      } else {
        Files.copy(source, tar);
      }
    }
    tar.closeArchiveEntry();
  }

  private TarArchiveEntry header(String name, Stat st, String linkTarget) {
    return switch (st.type()) {
      case Stat.S_IFDIR -> new TarArchiveEntry(name + "/", TarConstants.LF_DIR, true);
      case Stat.S_IFLNK -> {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(linkTarget);
        yield e;
      }
      case Stat.S_IFCHR, Stat.S_IFBLK -> {
        TarArchiveEntry e = new TarArchiveEntry(name, st.type() == Stat.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK, true);
        e.setDevMajor((int) Stat.major(st.rdev()));
        e.setDevMinor((int) Stat.minor(st.rdev()));
        yield e;
      }
      case Stat.S_IFIFO -> new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
      default -> regular(name, st);
    };
  }

  /** A second name of an inode already in this layer becomes a hardlink to the first. */
  private TarArchiveEntry regular(String name, Stat st) {
    if (st.nlink() > 1) {
      String first = linksSeen.putIfAbsent(st.dev() + ":" + st.ino(), name);
      if (first != null) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(first);
        return e;
      }
    }
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    e.setSize(st.size());
    return e;
  }

  private static String baseName(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private static String sibling(String name, String base) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? base : name.substring(0, slash + 1) + base;
  }
}
