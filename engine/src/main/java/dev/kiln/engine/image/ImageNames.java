package dev.kiln.engine.image;

import dev.kiln.engine.metadata.Database;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * The digest each image name (e.g. {@code docker.io/library/busybox:latest}) was last resolved
 * to, so {@code image.resolvemode=local} can build without asking the registry (table {@code
 * image_names}). Thread-safe.
 */
public final class ImageNames {
  private final Database db;

  public ImageNames(Database db) {
    this.db = db;
  }

  public Optional<Digest> find(String name) throws IOException {
    return db.readIo("looking up image " + name, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT digest FROM image_names WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(Digest.parse(rs.getString(1))) : Optional.<Digest>empty();
        }
      }
    });
  }

  public void record(String name, Digest digest) throws IOException {
    db.writeIo("recording image " + name, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT OR REPLACE INTO image_names(name, digest, resolved_at) VALUES (?, ?, ?)")) {
        ps.setString(1, name);
        ps.setString(2, digest.value());
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
