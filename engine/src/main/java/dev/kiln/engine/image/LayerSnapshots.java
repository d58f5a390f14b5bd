package dev.kiln.engine.image;

import dev.kiln.engine.metadata.Database;
import dev.kiln.llb.Digest;
import dev.kiln.registry.Descriptor;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Which committed snapshot holds the unpacked layer stack named by a chain id (table {@code
 * layer_snapshots}). A row is written only after its snapshot is committed, and disappears with
 * the snapshot. Thread-safe.
 */
public final class LayerSnapshots {
  /** The {@code layer_blobs} variant of a layer's original blob, as pulled. */
  public static final String BASE_VARIANT = "base";

  private final Database db;

  public LayerSnapshots(Database db) {
    this.db = db;
  }

  /**
   * The snapshot of layer stack {@code chainId}, if unpacked; finding it is a use of it (last-used
   * time, usage count), written in the same transaction so the collector cannot remove it between
   * the lookup and its use by a running build.
   */
  public Optional<String> find(Digest chainId) throws IOException {
    return db.writeIo("looking up layer " + chainId, c -> {
      String id;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT l.snapshot_id FROM layer_snapshots l JOIN snapshots s ON s.id = l.snapshot_id"
              + " WHERE l.chain_id = ? AND s.kind = 'committed'")) {
        ps.setString(1, chainId.value());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.<String>empty();
          id = rs.getString(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE snapshots SET last_used_at = ?, usage_count = usage_count + 1 WHERE id = ?")) {
        ps.setLong(1, System.currentTimeMillis());
        ps.setString(2, id);
        ps.executeUpdate();
      }
      return Optional.of(id);
    });
  }

  /**
   * Records the snapshot of {@code chainId} and, as its layer blob of variant {@link #BASE_VARIANT}
   * in table {@code layer_blobs}, the original {@code blob} it was unpacked from: exporting reuses
   * that blob instead of compressing the same files again.
   */
  public void record(Digest chainId, Digest diffId, String snapshotId, Descriptor blob) throws IOException {
    long now = System.currentTimeMillis();
    db.writeIo("recording layer " + chainId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT OR REPLACE INTO layer_snapshots(chain_id, snapshot_id, diff_id, created_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, chainId.value());
        ps.setString(2, snapshotId);
        ps.setString(3, diffId.value());
        ps.setLong(4, now);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT OR REPLACE INTO layer_blobs(snapshot, variant, diff_id, digest, size, media_type, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, snapshotId);
        ps.setString(2, BASE_VARIANT);
        ps.setString(3, diffId.value());
        ps.setString(4, blob.digest().toString());
        ps.setLong(5, blob.size());
        ps.setString(6, blob.mediaType());
        ps.setLong(7, now);
        ps.executeUpdate();
      }
      return null;
    });
  }
}
