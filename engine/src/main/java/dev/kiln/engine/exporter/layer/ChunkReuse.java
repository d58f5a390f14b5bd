package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.layer.ChunkIndex.Chunk;
import dev.kiln.engine.exporter.layer.ChunkIndex.Located;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chunk reuse for one gzip blob being written: finds a chunk's compressed bytes in an earlier blob
 * ({@link #find}, from the compressing threads), collects the new blob's chunks in order
 * ({@link #add}, from its single ordered stage) and records them once the blob is published
 * ({@link #publish}). A recorded chunk is only copied when its blob is still stored with the bytes
 * where the row says and the input's length and CRC-32 match; anything else falls back to deflate,
 * so a stale row costs time, never a corrupt layer.
 */
final class ChunkReuse {
  private final ChunkIndex index; // null: reuse is off, no keys are computed
  private final ContentStore content;
  private final List<Chunk> chunks = new ArrayList<>();
  private final AtomicInteger reused = new AtomicInteger();

  private ChunkReuse(ChunkIndex index, ContentStore content) {
    this.index = index;
    this.content = content;
  }

  /** Neither looks up nor records chunks. */
  static ChunkReuse off() {
    return new ChunkReuse(null, null);
  }

  static ChunkReuse using(ChunkIndex index, ContentStore content) {
    return new ChunkReuse(index, content);
  }

  boolean enabled() {
    return index != null;
  }

  /** The compressed bytes of the chunk {@code key}, copied from a stored blob, or empty: deflate it. */
  Optional<byte[]> find(String key, int inputLength, long crc) {
    if (index == null) return Optional.empty();
    try {
      for (Located at : index.find(key)) {
        Chunk c = at.chunk();
        if (c.inputLength() != inputLength || c.crc() != crc) continue;
        Optional<byte[]> bytes = read(at.blob(), c.offset(), c.length());
        if (bytes.isPresent()) {
          reused.incrementAndGet();
          return bytes;
        }
      }
    } catch (IOException unreadable) {
      // the index or a blob cannot be read: deflating gives the same bytes
    }
    return Optional.empty();
  }

  private Optional<byte[]> read(Digest blob, long offset, int length) throws IOException {
    Optional<Long> size = content.size(blob);
    if (size.isEmpty() || size.get() < offset + length) return Optional.empty();
    try (InputStream in = content.open(blob)) {
      in.skipNBytes(offset);
      byte[] bytes = in.readNBytes(length);
      return bytes.length == length ? Optional.of(bytes) : Optional.empty();
    } catch (java.io.EOFException | java.nio.file.NoSuchFileException collected) {
      return Optional.empty(); // removed or cut short since the size was read
    }
  }

  /** The next chunk of the blob, in order; {@code key} is null when reuse is off or the chunk is stored. */
  void add(String key, long offset, int length, long crc, int inputLength) {
    if (index != null && key != null) chunks.add(new Chunk(key, offset, length, crc, inputLength));
  }

  /** Records the chunks of {@code blob}, which is now in the content store. */
  void publish(Digest blob) throws IOException {
    if (index != null) index.record(blob, chunks);
  }

  /** Chunks copied from earlier blobs rather than deflated. */
  int reused() {
    return reused.get();
  }

  /** Chunks recorded for the blob so far (only while reuse is on; stored chunks are not recorded). */
  int chunks() {
    return chunks.size();
  }
}
