package dev.kiln.engine.gc;

import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.ops.CacheMounts;
import dev.kiln.engine.snapshot.Leases;
import dev.kiln.engine.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The garbage collector: applies policies to the store's usage records ({@link PrunePlan}) and
 * removes what they select. Each snapshot goes in two steps: one transaction re-checks that it is
 * still unused by every running build (its last use is before the oldest build's start), held by
 * no lease and has no children, and deletes its row with its cache records, layer and blob links; then its files
 * go. A crash between the two leaves a directory without a row, which the next start sweeps.
 * Unreferenced content blobs go last, while no build runs. One collection at a time.
 */
public final class Collector {
  private final Database db;
  private final SnapshotStore snapshots;
  private final ActiveBuilds builds;
  private final Path root;
  private final UsageIndex index;
  private final ContentSweep contentSweep;
  private final Leases leases;

  /**
   * Collects the snapshots, the cache directories, the git mirrors in {@code gitMirrors}, the http
   * downloads and the local source's checksum memos (in {@code root/contenthash}).
   */
  public Collector(Database db, SnapshotStore snapshots, CacheMounts cacheMounts, InUseDirs gitMirrors,
      FileContentStore content, ActiveBuilds builds, Leases leases, Path root) {
    this.db = db;
    this.snapshots = snapshots;
    this.builds = builds;
    this.root = root;
    this.index = new UsageIndex(db, List.of(new CacheMountRecords(cacheMounts), new GitMirrorRecords(gitMirrors),
        new HttpDownloadRecords(db, content), new ChecksumMemoRecords(root.resolve("contenthash"))), builds);
    this.contentSweep = new ContentSweep(db, content);
    this.leases = leases;
  }

  /** Usage records matching {@code filters} (BuildKit's filter syntax; empty: all), for {@code kiln du}. */
  public List<UsageRecord> usage(List<String> filters) throws IOException {
    return usage(filters, Duration.ZERO);
  }

  /**
   * Usage records matching {@code filters} and, when {@code ageLimit} is positive, not used within
   * it ({@code DiskUsageRequest.ageLimit}: as BuildKit, a record used after now − ageLimit is left
   * out; one never used stays).
   */
  public List<UsageRecord> usage(List<String> filters, Duration ageLimit) throws IOException {
    Instant now = Instant.now();
    UsageFilter filter = UsageFilter.parse(filters, now);
    Instant cutoff = now.minus(ageLimit);
    return index.records().stream().filter(filter::matches)
        .filter(r -> !ageLimit.isPositive() || r.lastUsedAt().map(used -> !used.isAfter(cutoff)).orElse(true))
        .toList();
  }

  /**
   * Applies {@code policies} in order and returns what was removed; {@code removed} hears of each
   * record as it goes (for {@code Control.Prune}'s stream).
   */
  public synchronized List<UsageRecord> prune(List<GcPolicy> policies, Consumer<UsageRecord> removed) throws IOException {
    leases.deleteExpired(Instant.now());
    List<UsageRecord> out = new ArrayList<>();
    // Listed once (cache directories are measured by walking them); each removal re-checks in use.
    List<UsageRecord> records = index.records();
    for (GcPolicy policy : policies) {
      Set<String> gone = new HashSet<>();
      for (UsageRecord r : PrunePlan.of(records, policy, DiskStats.of(root), Instant.now())) {
        if (remove(r)) {
          gone.add(r.id());
          out.add(r);
          removed.accept(r);
        }
      }
      records = records.stream().filter(r -> !gone.contains(r.id())).toList();
      if (policy.removesEverything()) forgetImageNames();
    }
    builds.runIfIdle(contentSweep::run);
    return out;
  }

  private boolean remove(UsageRecord r) throws IOException {
    Optional<ExtraRecords> kind = index.kindOf(r);
    if (kind.isPresent()) return kind.get().remove(r.id().substring(kind.get().prefix().length()), builds.fence());
    String id = r.id();
    if (!snapshots.beginRemoval(id)) return false; // a build of this process holds it as a result
    try {
      boolean gone = db.writeIo("collecting snapshot " + id, c -> unlinkIfUnused(c, id, builds.fence()));
      if (gone) Trees.deleteRecursively(snapshots.dir(id));
      return gone;
    } finally {
      snapshots.endRemoval(id);
    }
  }

  /** In one transaction: deletes the snapshot's row and what points at it, if no build used it since {@code fence}. */
  private static boolean unlinkIfUnused(Connection c, String id, long fence) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT kind, last_used_at,"
        + " (SELECT count(*) FROM snapshots ch WHERE ch.parent = s.id), " + Leases.heldSql(Leases.SNAPSHOT, "s.id")
        + " FROM snapshots s WHERE id = ?")) {
      ps.setLong(1, System.currentTimeMillis());
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !rs.getString(1).equals("committed") || rs.getLong(2) >= fence || rs.getInt(3) > 0
            || rs.getBoolean(4)) {
          return false;
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM cache_records WHERE result_id = ?")) {
      ps.setString(1, SnapshotStore.RESULT_PREFIX + id);
      ps.executeUpdate();
    }
    // layer_snapshots and layer_blobs rows go with it (ON DELETE CASCADE).
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM snapshots WHERE id = ?")) {
      ps.setString(1, id);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * After {@code kiln prune --all} nothing unused is left but the names images were
   * resolved to; dropping them lets their manifests and layer blobs go too (the next build
   * resolves the name again).
   */
  private void forgetImageNames() throws IOException {
    long fence = builds.fence();
    db.writeIo("forgetting image names", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM image_names WHERE resolved_at < ?")) {
        ps.setLong(1, fence);
        return ps.executeUpdate();
      }
    });
  }
}
