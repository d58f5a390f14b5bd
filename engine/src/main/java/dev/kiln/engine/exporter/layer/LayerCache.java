package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.metadata.Database;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * {@code snapshot + variant → layer blob} in table {@code layer_blobs}. A row is written after its
 * blob is in the content store; a row whose blob was since collected is treated as absent.
 */
final class LayerCache {
  private final Database db;

  LayerCache(Database db) {
    this.db = db;
  }

  Optional<LayerBlob> get(String snapshotId, String variant) throws IOException {
    return db.readIo("layer_blobs", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT diff_id, digest, size, media_type FROM layer_blobs WHERE snapshot = ? AND variant = ?")) {
        ps.setString(1, snapshotId);
        ps.setString(2, variant);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          Descriptor blob = new Descriptor(rs.getString(4), Digest.parse(rs.getString(2)), rs.getLong(3));
          return Optional.of(new LayerBlob(blob, Digest.parse(rs.getString(1))));
        }
      }
    });
  }

  void put(String snapshotId, String variant, LayerBlob layer) throws IOException {
    db.writeIo("layer_blobs", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT OR REPLACE INTO layer_blobs(snapshot, variant, diff_id, digest, size, media_type, created_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, snapshotId);
        ps.setString(2, variant);
        ps.setString(3, layer.diffId().value());
        ps.setString(4, layer.blob().digest().value());
        ps.setLong(5, layer.blob().size());
        ps.setString(6, layer.blob().mediaType());
        ps.setLong(7, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
