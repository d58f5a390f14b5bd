package dev.kiln.engine.snapshot;

import dev.kiln.engine.metadata.Database;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases (containerd's and BuildKit's idea): a named, optionally expiring claim on resources, kept
 * in the metadata database so it outlives the process — e.g. an export that must find its
 * snapshots still there. A snapshot named by an unexpired lease is never removed ({@link
 * SnapshotStore#remove}). Thread-safe.
 */
public final class Leases {
  public static final String SNAPSHOT = "snapshot";

  private final Database db;

  public Leases(Database db) {
    this.db = db;
  }

  /** Creates lease {@code id}; {@code expires} empty: until deleted. */
  public void create(String id, Optional<Instant> expires) throws IOException {
    db.writeIo("leases", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO leases(id, created_at, expires_at) VALUES (?, ?, ?)")) {
        ps.setString(1, id);
        ps.setLong(2, System.currentTimeMillis());
        ps.setObject(3, expires.map(Instant::toEpochMilli).orElse(null));
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Adds a resource (e.g. {@link #SNAPSHOT}, id) to lease {@code id}. */
  public void add(String id, String kind, String resource) throws IOException {
    db.writeIo("leases", c -> {
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

  /** Deletes lease {@code id} and its claims. */
  public void delete(String id) throws IOException {
    db.writeIo("leases", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      return null;
    });
  }
}
