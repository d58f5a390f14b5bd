package dev.kiln.engine.exporter.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A PAX header written by hand, for entries with xattr values that are not UTF-8 (e.g. {@code
 * security.capability}): commons-compress encodes PAX values as strings and would corrupt them,
 * while Go's archive/tar (containerd, umoci) reads them as raw bytes. The header carries every
 * record the entry needs, and the entry itself is made ustar-safe so the library adds no second
 * PAX header (a reader keeps only the last one).
 */
final class RawPax {
  private static final long USTAR_MAX_ID = 07777777;

  private RawPax() {}

  static boolean isUtf8(byte[] value) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Writes the PAX header for {@code e} and rewrites {@code e}'s ustar fields to fit. */
  static void write(TarArchiveOutputStream tar, TarArchiveEntry e, Map<String, byte[]> xattrs) throws IOException {
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    record(records, "path", utf8(e.getName()));
    if (!e.getLinkName().isEmpty()) record(records, "linkpath", utf8(e.getLinkName()));
    record(records, "uid", utf8(Long.toString(e.getLongUserId())));
    record(records, "gid", utf8(Long.toString(e.getLongGroupId())));
    for (var x : xattrs.entrySet()) record(records, "SCHILY.xattr." + x.getKey(), x.getValue());
    byte[] data = records.toByteArray();
    TarArchiveEntry header = new TarArchiveEntry("PaxHeaders.0/entry", TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
    header.setSize(data.length);
    header.setModTime(0);
    tar.putArchiveEntry(header);
    tar.write(data);
    tar.closeArchiveEntry();
    e.setName(ustarSafe(e.getName()));
    if (!e.getLinkName().isEmpty()) e.setLinkName(ustarSafe(e.getLinkName()));
    if (e.getLongUserId() > USTAR_MAX_ID) e.setUserId(0);
    if (e.getLongGroupId() > USTAR_MAX_ID) e.setGroupId(0);
  }

  /** {@code "<len> key=value\n"}, where len counts the whole record including its own digits. */
  private static void record(ByteArrayOutputStream out, String key, byte[] value) {
    byte[] body = utf8(" " + key + "=");
    int len = body.length + value.length + 1;
    int digits = Integer.toString(len).length();
    while (Integer.toString(len + digits).length() != digits) digits++;
    out.writeBytes(utf8(Integer.toString(len + digits)));
    out.writeBytes(body);
    out.writeBytes(value);
    out.write('\n');
  }

  /** ASCII and short enough for the ustar name field; the PAX path is what readers use. */
  private static String ustarSafe(String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]", "_");
    boolean dir = ascii.endsWith("/");
    int max = dir ? 98 : 99;
    String base = dir ? ascii.substring(0, ascii.length() - 1) : ascii;
    return (base.length() > max ? base.substring(0, max) : base) + (dir ? "/" : "");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
