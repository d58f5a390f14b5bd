package dev.kiln.engine.image.testing;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** A layer tar built entry by entry, in order, with fixed times so its digest is stable. */
public final class TestLayer {
  public static final Instant MTIME = Instant.parse("2024-01-02T03:04:05Z");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

  public TestLayer() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  public TestLayer dir(String name, int mode) {
    return dir(name, mode, 0, 0);
  }

  public TestLayer dir(String name, int mode, int uid, int gid) {
    return put(entry(name + "/", TarConstants.LF_DIR, mode, uid, gid), null);
  }

  public TestLayer file(String name, String content, int mode) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), mode, 0, 0);
  }

  public TestLayer file(String name, byte[] content, int mode, int uid, int gid) {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode, uid, gid);
    e.setSize(content.length);
    return put(e, content);
  }

  /** A file with a PAX {@code SCHILY.xattr.} header. */
  public TestLayer fileWithXattr(String name, String content, String xattr, String value) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, 0644, 0, 0);
    e.setSize(data.length);
    e.addPaxHeader("SCHILY.xattr." + xattr, value);
    return put(e, data);
  }

  public TestLayer symlink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777, 0, 0);
    e.setLinkName(target);
    return put(e, null);
  }

  public TestLayer hardlink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644, 0, 0);
    e.setLinkName(target);
    return put(e, null);
  }

  public TestLayer fifo(String name, int mode) {
    return put(entry(name, TarConstants.LF_FIFO, mode, 0, 0), null);
  }

  public TestLayer charDevice(String name, int major, int minor, int mode) {
    TarArchiveEntry e = entry(name, TarConstants.LF_CHR, mode, 0, 0);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    return put(e, null);
  }

  /** Deletes {@code name} of lower layers ({@code .wh.NAME}). */
  public TestLayer whiteout(String name) {
    int slash = name.lastIndexOf('/');
    String wh = (slash < 0 ? "" : name.substring(0, slash + 1)) + ".wh." + name.substring(slash + 1);
    return file(wh, new byte[0], 0644, 0, 0);
  }

  /** Hides what lower layers have in {@code dir} ({@code DIR/.wh..wh..opq}). */
  public TestLayer opaque(String dir) {
    return file(dir + "/.wh..wh..opq", new byte[0], 0644, 0, 0);
  }

  /** A raw entry name, e.g. one that tries to leave the root. */
  public TestLayer raw(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
  }

  private static TarArchiveEntry entry(String name, byte type, int mode, int uid, int gid) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setMode(mode);
    e.setUserId(uid);
    e.setGroupId(gid);
    e.setModTime(FileTime.from(MTIME));
    return e;
  }

  private TestLayer put(TarArchiveEntry e, byte[] content) {
    try {
      tar.putArchiveEntry(e);
      if (content != null) {
        tar.write(content);
      }
      tar.closeArchiveEntry();
      return this;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The finished, uncompressed tar. */
  public byte[] tar() {
    try {
      tar.finish();
      tar.close();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(byte[] data) {
    return compress(data, false);
  }

  public static byte[] zstd(byte[] data) {
    return compress(data, true);
  }

  private static byte[] compress(byte[] data, boolean zstd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = zstd ? new ZstdOutputStream(out) : new GZIPOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
