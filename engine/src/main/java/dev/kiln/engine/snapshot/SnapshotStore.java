package dev.kiln.engine.snapshot;

import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.metadata.Database;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Snapshots on disk ({@code snapshots/<id>/}) with their parent links and state in the metadata
 * database. Order of writes keeps crashes harmless: a row is written before its directory is
 * filled and deleted before its directory is removed, and {@link #sweep()} on start removes active
 * snapshots (their op died with the process) and directories without a row. Thread-safe.
 */
public final class SnapshotStore {
  /** How solver results and cache records name a snapshot: {@code snapshot:<id>}. */
  public static final String RESULT_PREFIX = "snapshot:";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String DELETIONS = "deletions";

  private final Path root;
  private final Database db;
  private final SnapshotDriver driver;
  private final List<Referrer> referrers = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> holds = new HashMap<>(); // guarded by itself, with removing
  private final Set<String> removing = new HashSet<>();
  /** Parent links never change while a row exists: kept here, they spare a query per ancestor per mount. */
  private final Map<String, Optional<String>> parents = new ConcurrentHashMap<>();

  public SnapshotStore(Path root, Database db, SnapshotDriver driver) throws IOException {
    this.root = root;
    this.db = db;
    this.driver = driver;
    Files.createDirectories(root);
  }

  public SnapshotDriver driver() {
    return driver;
  }

  /** Creates a writable snapshot on top of committed {@code parent} (null: empty). */
  public String prepare(String parent) throws IOException {
    String id = HexFormat.of().formatHex(randomBytes());
    List<Path> parents = parent == null ? List.of() : chain(parent);
    db.writeIo("snapshots", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO snapshots(id, parent, kind, created_at) VALUES (?, ?, 'active', ?)")) {
        ps.setString(1, id);
        ps.setString(2, parent);
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return null;
    });
    this.parents.put(id, Optional.ofNullable(parent));
    Path dir = dir(id);
    Files.createDirectories(dir);
    driver.prepare(dir, parents);
    return id;
  }

  /** Makes a writable snapshot immutable; its data is durable before the commit is recorded. */
  public void commit(String id) throws IOException {
    commit(id, false);
  }

  /**
   * Like {@link #commit(String)}; with {@code dropUnchangedDirs}, directories the snapshot holds
   * only as unchanged copies of its parent's are dropped first (a RUN step's mount points, created
   * and removed again, leave their parent directory copied up), so they reach no layer.
   */
  public void commit(String id, boolean dropUnchangedDirs) throws IOException {
    commit(id, dropUnchangedDirs, null, null);
  }

  /**
   * Like {@link #commit(String, boolean)}, and sets what {@code kiln du} shows (see {@link
   * #describe}) in the same transaction; null keeps the record type and description as they are.
   */
  public void commit(String id, boolean dropUnchangedDirs, String recordType, String description)
      throws IOException {
    long size = driver.seal(dir(id), () -> parentChain(id), dropUnchangedDirs);
    markCommitted(List.of(new Sealed(id, size, recordType, description)));
  }

  /**
   * Commits writable snapshots {@code ids} (each the parent of the next, none mounted) with one
   * sync of the filesystem for all of them instead of one each, then one transaction: either all
   * are committed or, after a crash, none is (the sweep then removes them as active ones).
   * {@code descriptions} are what {@code kiln du} shows for each, with {@code recordType}.
   */
  public void commitAll(List<String> ids, String recordType, List<String> descriptions) throws IOException {
    if (ids.isEmpty()) return;
    List<Sealed> sealed = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      sealed.add(new Sealed(id, driver.measure(dir(id), () -> parentChain(id), false), recordType, descriptions.get(i)));
    }
    driver.sync(dir(ids.getLast()));
    markCommitted(sealed);
  }

  private record Sealed(String id, long size, String recordType, String description) {}

  private void markCommitted(List<Sealed> sealed) throws IOException {
    long now = System.currentTimeMillis();
    db.writeIo("snapshots", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE snapshots SET kind = 'committed', size = ?, last_used_at = ?, usage_count = 1,"
              + " record_type = coalesce(?, record_type), description = coalesce(?, description)"
              + " WHERE id = ? AND kind = 'active'")) {
        for (Sealed s : sealed) {
          ps.setLong(1, s.size());
          ps.setLong(2, now);
          ps.setString(3, s.recordType());
          ps.setString(4, s.description());
          ps.setString(5, s.id());
          if (ps.executeUpdate() != 1) throw new SQLException("snapshot " + s.id() + " is not active");
        }
      }
      return null;
    });
  }

  /**
   * Records the paths (relative, no leading slash) that active snapshot {@code id} deletes from
   * whatever it is merged onto: a diff's removals, which its tree cannot show. They are applied by
   * merges and written as whiteouts when the snapshot is exported as a layer. Kept in a file next
   * to the tree, written durably before the commit, removed with the snapshot.
   */
  public void recordDeletions(String id, List<String> paths) throws IOException {
    if (paths.isEmpty()) return;
    StringBuilder text = new StringBuilder();
    for (String p : paths) text.append(p).append('\0'); // NUL: the one byte a path cannot hold
    Path tmp = dir(id).resolve(DELETIONS + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) ch.write(buf);
      ch.force(true);
    }
    Files.move(tmp, dir(id).resolve(DELETIONS), StandardCopyOption.ATOMIC_MOVE);
  }

  /** What {@link #recordDeletions} recorded for {@code id}; empty for most snapshots. */
  public List<String> deletions(String id) throws IOException {
    Path file = dir(id).resolve(DELETIONS);
    if (!Files.exists(file)) return List.of();
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\0"));
  }

  /** Something outside the store that may refer to a snapshot (the cache's records). */
  @FunctionalInterface
  public interface Referrer {
    /** Why {@code id} is still needed, or empty. */
    Optional<String> reference(String id) throws IOException;
  }

  /** Consulted by {@link #remove}; the worker registers the cache here. */
  public void addReferrer(Referrer referrer) {
    referrers.add(referrer);
  }

  /**
   * Marks {@code id} in use by this process (a build holding it as a result) until {@link
   * #release}; counted, so every hold needs its release. False when the snapshot is being removed.
   */
  public boolean hold(String id) {
    synchronized (holds) {
      if (removing.contains(id)) return false;
      holds.merge(id, 1, Integer::sum);
      return true;
    }
  }

  public void release(String id) {
    synchronized (holds) {
      holds.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
    }
  }

  /**
   * Removes a snapshot nothing refers to: no children, no hold by a running build, no cache record
   * (or other {@link Referrer}) and no unexpired lease.
   *
   * @throws SnapshotInUseException naming what still refers to it
   */
  public void remove(String id) throws IOException {
    if (!beginRemoval(id)) throw new SnapshotInUseException(id, "held by a running build");
    try {
      for (Referrer r : referrers) {
        Optional<String> why = r.reference(id);
        if (why.isPresent()) throw new SnapshotInUseException(id, why.get());
      }
      String blocked = db.writeIo("snapshots", c -> {
        String why = referenceInDb(c, id);
        if (why != null) return why;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM snapshots WHERE id = ?")) {
          ps.setString(1, id);
          ps.executeUpdate();
        }
        return null;
      });
      if (blocked != null) throw new SnapshotInUseException(id, blocked);
      Trees.deleteRecursively(dir(id));
    } finally {
      endRemoval(id);
    }
  }

  /**
   * Starts removing {@code id} by other means than {@link #remove} (the collector deletes a row
   * together with its cache records): false while a build holds it; otherwise no hold can start
   * until {@link #endRemoval}.
   */
  public boolean beginRemoval(String id) {
    synchronized (holds) {
      if (holds.containsKey(id)) return false;
      removing.add(id);
      return true;
    }
  }

  public void endRemoval(String id) {
    parents.remove(id); // removed or not, the next lookup asks the database again
    synchronized (holds) {
      removing.remove(id);
    }
  }

  /** Children and leases, checked in the transaction that deletes the row. */
  private static String referenceInDb(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM snapshots WHERE parent = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.getInt(1) > 0) return "it still has children";
      }
    }
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT l.id FROM lease_resources r JOIN leases l ON l.id = r.lease
        WHERE r.kind = 'snapshot' AND r.resource = ? AND (l.expires_at IS NULL OR l.expires_at > ?) LIMIT 1""")) {
      ps.setString(1, id);
      ps.setLong(2, System.currentTimeMillis());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) return "lease " + rs.getString(1);
      }
    }
    return null;
  }

  public List<MountSpec> mounts(String id, boolean readonly) throws IOException {
    return driver.mounts(dir(id), parentChain(id), readonly);
  }

  /** See {@link SnapshotDriver#mountsWithMountPoints}. */
  public List<MountSpec> mountsWithMountPoints(String id, List<String> mountPoints) throws IOException {
    return driver.mountsWithMountPoints(dir(id), parentChain(id), mountPoints);
  }

  /** Whether snapshots hold only their own changes ({@link #changesDir} is not null), not full trees. */
  public boolean keepsChanges() {
    return driver.changesDir(root) != null; // a driver answers alike for every directory
  }

  /** This snapshot's own changes, or null when the driver keeps full trees. */
  public Path changesDir(String id) {
    return driver.changesDir(dir(id));
  }

  public Optional<String> parent(String id) throws IOException {
    Optional<String> known = parents.get(id);
    if (known != null) return known;
    Optional<String> parent = db.readIo("snapshots", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT parent, kind FROM snapshots WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) throw new SQLException("no snapshot " + id);
          return Optional.ofNullable(rs.getString(1));
        }
      }
    });
    parents.put(id, parent);
    return parent;
  }

  public boolean exists(String id) throws IOException {
    return db.readIo("snapshots", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM snapshots WHERE id = ? AND kind = 'committed'")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  /**
   * Records a use of committed snapshot {@code id} (a cache hit, a shared base layer): its
   * last-used time becomes now and its usage count grows. False when there is no such snapshot
   * (the collector removed it), which callers treat as a cache miss. Being a write, a touch is
   * ordered with the collector's removals: once it returns true, a collector that protects what
   * running builds used since they started cannot remove the snapshot.
   */
  public boolean touch(String id) throws IOException {
    return db.writeIo("snapshots", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE snapshots SET last_used_at = ?, usage_count = usage_count + 1"
          + " WHERE id = ? AND kind = 'committed'")) {
        ps.setLong(1, System.currentTimeMillis());
        ps.setString(2, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  /** Sets what {@code kiln du} shows for a snapshot: its record type and a description. */
  public void describe(String id, String recordType, String description) throws IOException {
    db.writeIo("snapshots", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE snapshots SET record_type = ?, description = ? WHERE id = ?")) {
        ps.setString(1, recordType);
        ps.setString(2, description);
        ps.setString(3, id);
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Removes what a crash left behind: active snapshots and directories without a record. */
  public void sweep() throws IOException {
    List<String> known = db.writeIo("snapshots", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM snapshots WHERE kind = 'active'")) {
        ps.executeUpdate();
      }
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM snapshots"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.add(rs.getString(1));
      }
      return ids;
    });
    try (var dirs = Files.list(root)) {
      for (Path d : dirs.toList()) {
        if (!known.contains(d.getFileName().toString())) Trees.deleteRecursively(d);
      }
    }
  }

  /** Directory of snapshot {@code id}. */
  public Path dir(String id) {
    if (!isId(id)) throw new IllegalArgumentException("invalid snapshot id: " + id);
    return root.resolve(id);
  }

  /** 32 lowercase hex digits; by hand, as {@code String.matches} compiles its pattern per call. */
  static boolean isId(String id) {
    if (id.length() != 32) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
    }
    return true;
  }

  private List<Path> parentChain(String id) throws IOException {
    Optional<String> parent = parent(id);
    return parent.isPresent() ? chain(parent.get()) : List.of();
  }

  /** Directories of {@code id} and its ancestors, nearest first. */
  private List<Path> chain(String id) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String cur = id; cur != null; cur = parent(cur).orElse(null)) {
      out.add(dir(cur));
    }
    return out;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }
}
