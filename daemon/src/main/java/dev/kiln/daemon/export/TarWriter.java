package dev.kiln.daemon.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a directory tree as a POSIX tar (ustar, with PAX records for long names), entries in
 * sorted order so the same tree always gives the same bytes. Regular files, directories and
 * symlinks; other node types are skipped. Does not close the stream.
 */
public final class TarWriter {
  private static final int BLOCK = 512;
  private final OutputStream out;

  private TarWriter(OutputStream out) {
    this.out = out;
  }

  public static void write(Path root, OutputStream out) throws IOException {
    TarWriter tar = new TarWriter(out);
    tar.writeDir(root, "");
    out.write(new byte[BLOCK * 2]);
    out.flush();
  }

  private void writeDir(Path dir, String prefix) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path child : children) {
      String name = prefix + child.getFileName();
      Map<String, Object> a = Files.readAttributes(child, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      long mtime = ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
      Header h = new Header(name, mode & 07777, (Integer) a.get("uid"), (Integer) a.get("gid"), mtime);
      if (Files.isSymbolicLink(child)) {
        entry(h, '2', 0, Files.readSymbolicLink(child).toString());
      } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        entry(new Header(name + "/", h.mode(), h.uid(), h.gid(), mtime), '5', 0, "");
        writeDir(child, name + "/");
      } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
        long size = (Long) a.get("size");
        entry(h, '0', size, "");
        try (InputStream in = Files.newInputStream(child)) {
          long copied = in.transferTo(out);
          if (copied != size) throw new IOException(child + " changed size while being archived");
        }
        pad(size);
      }
    }
  }

  private record Header(String name, int mode, int uid, int gid, long mtime) {}

  private void entry(Header h, char type, long size, String link) throws IOException {
    byte[] name = h.name().getBytes(StandardCharsets.UTF_8);
    byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
    if (name.length > 100 || linkBytes.length > 100) {
      pax(h, (name.length > 100 ? record("path", h.name()) : "") + (linkBytes.length > 100 ? record("linkpath", link) : ""));
    }
    out.write(header(truncate(name), h.mode(), h.uid(), h.gid(), size, h.mtime(), type, truncate(linkBytes)));
  }

  private void pax(Header h, String records) throws IOException {
    byte[] body = records.getBytes(StandardCharsets.UTF_8);
    out.write(header(truncate(("PaxHeaders/" + h.name()).getBytes(StandardCharsets.UTF_8)), 0644, 0, 0, body.length, h.mtime(), 'x', new byte[0]));
    out.write(body);
    pad(body.length);
  }

  /** A PAX record: "LEN key=value\n" where LEN counts the whole record including itself. */
  private static String record(String key, String value) {
    int base = key.length() + value.getBytes(StandardCharsets.UTF_8).length + 3;
    int len = base + String.valueOf(base).length();
    if (String.valueOf(len).length() != String.valueOf(base).length()) len++;
    return len + " " + key + "=" + value + "\n";
  }

  private static byte[] truncate(byte[] b) {
    return b.length <= 100 ? b : java.util.Arrays.copyOf(b, 100);
  }

  private static byte[] header(byte[] name, int mode, int uid, int gid, long size, long mtime, char type, byte[] link) {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, name.length);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, uid);
    octal(h, 116, 8, gid);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    h[156] = (byte) type;
    System.arraycopy(link, 0, h, 157, link.length);
    System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) sum += b & 0xff;
    octal(h, 148, 7, sum);
    return h;
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
    byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, Math.min(b.length, len - 1));
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) out.write(new byte[BLOCK - rest]);
  }
}
