package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.sys.ZlibDeflate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The identity of one {@link ParallelGzip} chunk's compressed bytes: SHA-256 over everything they
 * are a function of — the zlib that deflates, the level, whether the chunk ends the stream, the
 * dictionary and the input; the namespace's version names the rest of the function (v1: chunks
 * that do not compress are stored). Equal keys mean equal bytes, so a chunk can be copied from any
 * blob that recorded its key. A cryptographic hash, because the input is whatever a build context holds.
 */
final class ChunkKey {
  /** Which deflate implementation produced the bytes: another zlib version may emit others. */
  static final String DEFLATER = ZlibDeflate.version().map(v -> "zlib/" + v).orElse("jdk/" + Runtime.version());
  private static final byte[] NAMESPACE = ("kiln.gzip-chunk.v1\0" + DEFLATER + "\0").getBytes(StandardCharsets.UTF_8);

  private ChunkKey() {}

  /**
   * @param dict the preset dictionary, or null
   * @param input the chunk: its first {@code length} bytes
   */
  static String of(int level, boolean last, byte[] dict, byte[] input, int length) {
    MessageDigest sha = LayerWriter.sha256();
    sha.update(NAMESPACE);
    sha.update((byte) level);
    sha.update((byte) (last ? 1 : 0));
    int dictLength = dict == null ? 0 : dict.length;
    sha.update(new byte[] {(byte) (dictLength >> 24), (byte) (dictLength >> 16), (byte) (dictLength >> 8), (byte) dictLength});
    if (dict != null) sha.update(dict);
    sha.update(input, 0, length);
    return HexFormat.of().formatHex(sha.digest());
  }
}
