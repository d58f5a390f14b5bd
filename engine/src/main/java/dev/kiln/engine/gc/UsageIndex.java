package dev.kiln.engine.gc;

import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.ops.CacheMounts;
import dev.kiln.engine.snapshot.DirectorySize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The store's usage records: every snapshot row (sizes were computed once, at commit) and every
 * persistent cache-mount directory (measured now: they change under RUN steps). Thread-safe.
 */
public final class UsageIndex {
  /** Prefix of the ids of cache-mount records. */
  public static final String CACHE_MOUNT = "cachemount:";

  private final Database db;
  private final CacheMounts cacheMounts;
  private final ActiveBuilds builds;

  public UsageIndex(Database db, CacheMounts cacheMounts, ActiveBuilds builds) {
    this.db = db;
    this.cacheMounts = cacheMounts;
    this.builds = builds;
  }

  /** All records, in-use flags as of now. */
  public List<UsageRecord> records() throws IOException {
    var fence = builds.oldestStart();
    List<UsageRecord> out = new ArrayList<>(snapshots(fence.isPresent() ? fence.getAsLong() : Long.MAX_VALUE));
    for (CacheMounts.CacheDir d : cacheMounts.list()) {
      BasicFileAttributes a = Files.readAttributes(d.dir(), BasicFileAttributes.class);
      Instant created = a.creationTime().toInstant();
      Instant used = a.lastModifiedTime().toInstant();
      out.add(new UsageRecord(CACHE_MOUNT + d.name(), List.of(), DirectorySize.of(d.dir()), false, d.inUse(), false,
          created.isAfter(used) ? used : created, Optional.of(used), 0, "cached mount with id \"" + d.cacheId() + "\"",
          RecordType.EXEC_CACHEMOUNT));
    }
    return out;
  }

  private List<UsageRecord> snapshots(long inUseSince) throws IOException {
    return db.readIo("usage records", c -> {
      List<UsageRecord> rows = new ArrayList<>();
      Set<String> parents = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, parent, kind, created_at, size, last_used_at, usage_count,"
          + " record_type, description FROM snapshots ORDER BY created_at, id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String parent = rs.getString(2);
          if (parent != null) parents.add(parent);
          boolean mutable = rs.getString(3).equals("active");
          long lastUsed = rs.getLong(6);
          boolean everUsed = !rs.wasNull();
          Instant created = Instant.ofEpochMilli(rs.getLong(4));
          String description = rs.getString(9);
          rows.add(new UsageRecord(rs.getString(1), parent == null ? List.of() : List.of(parent), Math.max(0, rs.getLong(5)),
              mutable, mutable || (everUsed && lastUsed >= inUseSince), false, created,
              everUsed ? Optional.of(Instant.ofEpochMilli(lastUsed)) : Optional.empty(), rs.getLong(7),
              description == null ? "" : description, RecordType.of(rs.getString(8))));
        }
      }
      return rows.stream().map(r -> parents.contains(r.id()) ? r.withShared(true) : r).toList();
    });
  }

  /** The id of the snapshot behind a record, or empty for a cache-mount record. */
  static Optional<String> snapshotId(UsageRecord r) {
    return r.id().startsWith(CACHE_MOUNT) ? Optional.empty() : Optional.of(r.id());
  }
}
