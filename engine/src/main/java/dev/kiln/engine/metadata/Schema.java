package dev.kiln.engine.metadata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema: migration {@code i} moves the database from version {@code i} to {@code i+1}
 * ({@code PRAGMA user_version}). Migrations are append-only; never edit a released one.
 */
public record Schema(List<List<String>> migrations) {
  public Schema {
    migrations = List.copyOf(migrations);
  }

  void migrate(Database db) throws SQLException {
    db.write(c -> {
      int version;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        version = rs.getInt(1);
      }
      if (version > migrations.size()) {
        throw new SQLException("metadata database has schema version " + version
            + ", newer than this Kiln understands (" + migrations.size() + "); use a newer Kiln or a fresh root");
      }
      try (Statement s = c.createStatement()) {
        for (int v = version; v < migrations.size(); v++) {
          for (String sql : migrations.get(v)) {
            s.execute(sql);
          }
        }
        s.execute("PRAGMA user_version=" + migrations.size());
      }
      return null;
    });
  }
}
