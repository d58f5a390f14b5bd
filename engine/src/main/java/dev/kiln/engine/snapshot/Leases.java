package dev.kiln.engine.snapshot;

import dev.kiln.engine.metadata.Database;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Leases, as containerd's: a named hold on snapshots and content blobs that the garbage collector
 * respects until the lease is released or expires (tables {@code leases}, {@code
 * lease_resources}). For work that outlives a build's own protection — an export or a cache
 * export still writing blobs, a result kept for a client. Leases persist across restarts; expired
 * ones are deleted by the collector. Thread-safe.
 */
public final class Leases {
  /** Resource kinds. */
  public static final String SNAPSHOT = "snapshot";
  public static final String CONTENT = "content";

  /**
   * SQL condition true when a live lease holds the {@code kind} resource named by SQL expression
   * {@code resource}; its one parameter is the current time in epoch millis.
   */
  public static String heldSql(String kind, String resource) {
    return "EXISTS (SELECT 1 FROM lease_resources r JOIN leases l ON l.id = r.lease WHERE r.kind = '" + kind
        + "' AND r.resource = " + resource + " AND (l.expires_at IS NULL OR l.expires_at > ?))";
  }

  private final Database db;

  public Leases(Database db) {
    this.db = db;
  }

  /** A held lease; closing it releases everything it holds. */
  public final class Lease implements AutoCloseable {
    private final String id;

    private Lease(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** Holds a snapshot ({@link #SNAPSHOT}, by id) or a blob ({@link #CONTENT}, by digest). */
    public void add(String kind, String resource) throws IOException {
      db.writeIo("lease " + id, c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT OR IGNORE INTO lease_resources(lease, kind, resource) VALUES (?, ?, ?)")) {
          ps.setString(1, id);
          ps.setString(2, kind);
          ps.setString(3, resource);
          ps.executeUpdate();
        }
        return null;
      });
    }

    @Override
    public void close() throws IOException {
      db.writeIo("releasing lease " + id, c -> {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE id = ?")) {
          ps.setString(1, id);
          ps.executeUpdate();
        }
        return null;
      });
    }
  }

  /** A new lease, expiring after {@code ttl} (null: only when released). */
  public Lease acquire(Duration ttl) throws IOException {
    String id = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    db.writeIo("creating lease", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO leases(id, created_at, expires_at) VALUES (?, ?, ?)")) {
        ps.setString(1, id);
        ps.setLong(2, now);
        if (ttl == null) ps.setNull(3, java.sql.Types.INTEGER);
        else ps.setLong(3, now + ttl.toMillis());
        ps.executeUpdate();
      }
      return null;
    });
    return new Lease(id);
  }

  /** Deletes expired leases (their resources go with them); returns how many. */
  public int deleteExpired(Instant now) throws IOException {
    return db.writeIo("expiring leases", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE expires_at IS NOT NULL AND expires_at <= ?")) {
        ps.setLong(1, now.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }
}
