package dev.kiln.engine.exporter.layer;

import java.util.zip.CRC32C;

/**
 * Where {@link ParallelGzip} ends its chunks. Inside a chunk of {@code max} bytes it must; before
 * that only at a tar entry boundary, once the chunk holds {@code min} bytes, and then only at a
 * boundary its content picks: the boundary after an entry of {@code L} bytes qualifies with
 * probability {@code L / spacing} (always after an entry of {@code spacing} bytes or more), decided
 * by a hash of the entry's last 512-byte record. Which boundaries qualify depends on the entries
 * around them, not on where the chunk started, so after an entry that changed (in bytes or in
 * size) the cuts fall where they fell before within a chunk or two, and the chunks after that
 * are the same chunks again: copied from the earlier blob rather than deflated ({@link ChunkReuse}).
 * Chunks average about {@code min + spacing} bytes.
 *
 * @param min the fewest bytes a chunk holds before it ends at a boundary; at least the 32 KiB
 *     dictionary the next chunk takes from it
 * @param spacing the mean bytes between qualifying boundaries
 * @param max the most bytes a chunk holds: huge entries still spread across cores
 */
record GzipChunking(int min, int spacing, int max) {
  static final GzipChunking DEFAULT = new GzipChunking(512 << 10, 512 << 10, 2 << 20);
  private static final int RECORD = 512;

  GzipChunking {
    if (min < 32 << 10 || spacing < 1 || spacing > 1 << 30 || max < min) {
      throw new IllegalArgumentException("chunking needs 32 KiB ≤ min ≤ max and 1 ≤ spacing ≤ 1 GiB: " + min + "/" + spacing + "/" + max);
    }
  }

  /**
   * Whether a chunk holding {@code buf[0, filled)} ends at the entry boundary there.
   *
   * @param entryLength the bytes of the entry that ends at this boundary
   */
  boolean endsAt(byte[] buf, int filled, long entryLength) {
    if (filled < min) return false;
    if (entryLength >= spacing) return true;
    CRC32C crc = new CRC32C();
    crc.update(buf, filled - RECORD, RECORD);
    long h = mix((int) crc.getValue()) & 0xffffffffL;
    return h < (entryLength << 32) / spacing;
  }

  /** MurmurHash3's finaliser: a CRC alone is linear in its input, this spreads it over all bits. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}
