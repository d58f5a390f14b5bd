package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.metadata.Database;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code chunk key → (blob, place)} in table {@code layer_chunks}: where the compressed bytes of
 * each {@link ParallelGzip} chunk lie in the gzip layer blobs published so far. Rows are written
 * only after their blob is in the content store, and the garbage collector deletes a blob's rows
 * after the blob; a row may still name a blob that is gone or about to go, so readers check the
 * blob before they trust it ({@link ChunkReuse}). Thread-safe.
 */
final class ChunkIndex {
  /** A chunk of a blob: its key, where its compressed bytes lie, the CRC-32 and length of its input. */
  record Chunk(String key, long offset, int length, long crc, int inputLength) {}

  /** A chunk found in {@code blob}. */
  record Located(Digest blob, Chunk chunk) {}

  private final Database db;

  ChunkIndex(Database db) {
    this.db = db;
  }

  /** The blobs that recorded {@code key}, most recent first. */
  List<Located> find(String key) throws IOException {
    return db.readIo("layer_chunks", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT blob, offset, length, crc, input_length FROM layer_chunks"
          + " WHERE chunk_key = ? ORDER BY recorded_at DESC LIMIT 4")) {
        ps.setString(1, key);
        List<Located> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Located(Digest.parse(rs.getString(1)),
                new Chunk(key, rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getInt(5))));
          }
        }
        return out;
      }
    });
  }

  /** Records the chunks of {@code blob}, which must already be published in the content store. */
  void record(Digest blob, List<Chunk> chunks) throws IOException {
    if (chunks.isEmpty()) return;
    long now = System.currentTimeMillis();
    db.writeIo("layer_chunks", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO layer_chunks"
          + "(chunk_key, blob, offset, length, crc, input_length, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (Chunk k : chunks) {
          ps.setString(1, k.key());
          ps.setString(2, blob.value());
          ps.setLong(3, k.offset());
          ps.setInt(4, k.length());
          ps.setLong(5, k.crc());
          ps.setInt(6, k.inputLength());
          ps.setLong(7, now);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }
}
