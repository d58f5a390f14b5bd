package dev.kiln.engine.image;

import dev.kiln.engine.metadata.Database;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The repositories ({@code registry/path}) each blob was pulled from (table {@code blob_sources}),
 * like containerd's distribution-source labels: a push to the same registry mounts the blob from
 * there instead of uploading it. Thread-safe.
 */
public final class BlobSources {
  private final Database db;

  public BlobSources(Database db) {
    this.db = db;
  }

  public void record(Digest blob, String repository) throws IOException {
    db.writeIo("recording the source of " + blob, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT OR REPLACE INTO blob_sources(digest, repository, recorded_at) VALUES (?, ?, ?)")) {
        ps.setString(1, blob.value());
        ps.setString(2, repository);
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Repositories holding {@code blob}, most recently seen first. */
  public List<String> find(Digest blob) throws IOException {
    return db.readIo("looking up the sources of " + blob, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT repository FROM blob_sources WHERE digest = ? ORDER BY recorded_at DESC, repository")) {
        ps.setString(1, blob.value());
        List<String> repos = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) repos.add(rs.getString(1));
        }
        return repos;
      }
    });
  }
}
