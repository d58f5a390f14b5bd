package dev.kiln.engine.cache;

import dev.kiln.engine.metadata.Database;
import dev.kiln.solver.cache.CacheKeyRecipe;
import dev.kiln.solver.cache.CacheKeyStorage;
import dev.kiln.solver.cache.CacheRecord;
import dev.kiln.solver.cache.InputComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The solver's cache keys in the metadata database, so they survive restarts. Thread-safe. */
public final class SqliteCacheKeyStorage implements CacheKeyStorage {
  private static final String COLUMNS = "key, result_id, created_at, vertex, op_digest, output_index";

  private final Database db;

  public SqliteCacheKeyStorage(Database db) {
    this.db = db;
  }

  @Override
  public void save(CacheRecord record) {
    call(() -> db.write(c -> {
      delete(c, record.key());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO cache_records(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, record.key());
        ps.setString(2, record.resultId());
        ps.setLong(3, record.createdAt().getEpochSecond() * 1_000_000_000L + record.createdAt().getNano());
        ps.setString(4, record.vertexDigest());
        ps.setString(5, record.recipe().opDigest());
        ps.setInt(6, record.recipe().outputIndex());
        ps.executeUpdate();
      }
      insertInputs(c, record);
      return null;
    }));
  }

  private static void insertInputs(Connection c, CacheRecord record) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO cache_record_inputs(key, position, input, selector, by_content, value) VALUES (?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (InputComponent in : record.recipe().inputs()) {
        ps.setString(1, record.key());
        ps.setInt(2, position++);
        switch (in) {
          case InputComponent.ByKey(int i, String selector, String key) -> bind(ps, i, selector, false, key);
          case InputComponent.ByContent(int i, String selector, String digest) -> bind(ps, i, selector, true, digest);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void bind(PreparedStatement ps, int input, String selector, boolean byContent, String value) throws SQLException {
    ps.setInt(3, input);
    ps.setString(4, selector);
    ps.setInt(5, byContent ? 1 : 0);
    ps.setString(6, value);
  }

  @Override
  public Optional<CacheRecord> load(String key) {
    return call(() -> db.read(c -> {
      List<CacheRecord> found = query(c, "WHERE key = ?", key);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }));
  }

  @Override
  public boolean remove(String key) {
    return call(() -> db.write(c -> delete(c, key) > 0));
  }

  @Override
  public int removeResult(String resultId) {
    return call(() -> db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM cache_records WHERE result_id = ?")) {
        ps.setString(1, resultId);
        return ps.executeUpdate();
      }
    }));
  }

  /** Whether some record resolves to {@code resultId}: such a result must not be removed. */
  public boolean hasResult(String resultId) {
    return call(() -> db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cache_records WHERE result_id = ? LIMIT 1")) {
        ps.setString(1, resultId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    }));
  }

  @Override
  public List<CacheRecord> findByVertex(String vertexDigest) {
    return call(() -> db.read(c -> query(c, "WHERE vertex = ? ORDER BY created_at DESC, rowid DESC", vertexDigest)));
  }

  @Override
  public List<CacheRecord> findByOp(String opDigest) {
    return call(() -> db.read(c -> query(c, "WHERE op_digest = ? ORDER BY created_at DESC, rowid DESC", opDigest)));
  }

  private static int delete(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM cache_records WHERE key = ?")) {
      ps.setString(1, key);
      return ps.executeUpdate();
    }
  }

  private static List<CacheRecord> query(Connection c, String where, String arg) throws SQLException {
    List<CacheRecord> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cache_records " + where)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long nanos = rs.getLong(3);
          Instant created = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
          CacheKeyRecipe recipe = new CacheKeyRecipe(rs.getString(5), rs.getInt(6), inputs(c, rs.getString(1)));
          out.add(new CacheRecord(rs.getString(1), rs.getString(2), created, rs.getString(4), recipe));
        }
      }
    }
    return out;
  }

  private static List<InputComponent> inputs(Connection c, String key) throws SQLException {
    List<InputComponent> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT input, selector, by_content, value FROM cache_record_inputs WHERE key = ? ORDER BY position")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getInt(3) == 1
              ? new InputComponent.ByContent(rs.getInt(1), rs.getString(2), rs.getString(4))
              : new InputComponent.ByKey(rs.getInt(1), rs.getString(2), rs.getString(4)));
        }
      }
    }
    return out;
  }

  private interface SqlCall<T> {
    T call() throws SQLException;
  }

  /** The storage SPI has no checked exceptions: a broken database is fatal for the build. */
  private static <T> T call(SqlCall<T> body) {
    try {
      return body.call();
    } catch (SQLException e) {
      throw new IllegalStateException("cache metadata: " + e.getMessage(), e);
    }
  }
}
