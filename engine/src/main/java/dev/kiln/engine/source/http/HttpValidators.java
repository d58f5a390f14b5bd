package dev.kiln.engine.source.http;

import dev.kiln.engine.metadata.Database;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * What each URL last returned (table {@code http_validators}): its ETag and Last-Modified for the
 * next conditional request, and the file it produced. Thread-safe.
 */
final class HttpValidators {
  private final Database db;

  HttpValidators(Database db) {
    this.db = db;
  }

  /** One URL's last successful download. {@code etag} and {@code lastModified} may be null. */
  record Entry(String url, String etag, String lastModified, String filename, Digest digest, long size) {}

  Optional<Entry> find(String url) throws IOException {
    return db.readIo("looking up the last download of " + url, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT etag, last_modified, filename, digest, size FROM http_validators WHERE url = ?")) {
        ps.setString(1, url);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.<Entry>empty();
          return Optional.of(new Entry(url, rs.getString(1), rs.getString(2), rs.getString(3),
              Digest.parse(rs.getString(4)), rs.getLong(5)));
        }
      }
    });
  }

  void record(Entry e) throws IOException {
    db.writeIo("recording the download of " + e.url(), c -> {
      try (PreparedStatement ps = c.prepareStatement("""
          INSERT OR REPLACE INTO http_validators(url, etag, last_modified, filename, digest, size, fetched_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
        ps.setString(1, e.url());
        ps.setString(2, e.etag());
        ps.setString(3, e.lastModified());
        ps.setString(4, e.filename());
        ps.setString(5, e.digest().value());
        ps.setLong(6, e.size());
        ps.setLong(7, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
  }
}
