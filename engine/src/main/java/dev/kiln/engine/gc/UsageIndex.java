package dev.kiln.engine.gc;

import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.snapshot.Leases;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The store's usage records (in use: written now, used by a running build, or held by a lease):
 * every snapshot row (sizes were computed once, at commit), then the records of each {@link
 * ExtraRecords} kind (cache-mount directories, git mirrors, http downloads, checksum memos).
 * Thread-safe.
 */
public final class UsageIndex {
  /** Prefix of the ids of cache-mount records. */
  public static final String CACHE_MOUNT = "cachemount:";

  private final Database db;
  private final List<ExtraRecords> extras;
  private final ActiveBuilds builds;

  UsageIndex(Database db, List<ExtraRecords> extras, ActiveBuilds builds) {
    this.db = db;
    this.extras = List.copyOf(extras);
    this.builds = builds;
  }

  /** All records, in-use flags as of now. */
  public List<UsageRecord> records() throws IOException {
    var fence = builds.oldestStart();
    long inUseSince = fence.isPresent() ? fence.getAsLong() : Long.MAX_VALUE;
    List<UsageRecord> out = new ArrayList<>(snapshots(inUseSince));
    for (ExtraRecords kind : extras) out.addAll(kind.list(inUseSince));
    return out;
  }

  private List<UsageRecord> snapshots(long inUseSince) throws IOException {
    return db.readIo("usage records", c -> {
      List<UsageRecord> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, parent, kind, created_at, size, last_used_at, usage_count,"
          + " record_type, description, " + Leases.heldSql(Leases.SNAPSHOT, "snapshots.id")
          + " FROM snapshots ORDER BY created_at, id")) {
        ps.setLong(1, System.currentTimeMillis());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) rows.add(row(rs, inUseSince));
        }
      }
      Set<String> parents = new HashSet<>();
      rows.forEach(r -> parents.addAll(r.parents()));
      return rows.stream().map(r -> parents.contains(r.id()) ? r.withShared(true) : r).toList();
    });
  }

  private static UsageRecord row(ResultSet rs, long inUseSince) throws SQLException {
    String parent = rs.getString(2);
    boolean mutable = rs.getString(3).equals("active");
    long lastUsed = rs.getLong(6);
    boolean everUsed = !rs.wasNull();
    String description = rs.getString(9);
    boolean leased = rs.getBoolean(10);
    return new UsageRecord(rs.getString(1), parent == null ? List.of() : List.of(parent), Math.max(0, rs.getLong(5)),
        mutable, mutable || leased || (everUsed && lastUsed >= inUseSince), false, Instant.ofEpochMilli(rs.getLong(4)),
        everUsed ? Optional.of(Instant.ofEpochMilli(lastUsed)) : Optional.empty(), rs.getLong(7),
        description == null ? "" : description, RecordType.of(rs.getString(8)));
  }

  /** The kind that owns a record, or empty for a snapshot. */
  Optional<ExtraRecords> kindOf(UsageRecord r) {
    return extras.stream().filter(k -> r.id().startsWith(k.prefix())).findFirst();
  }
}
