package dev.kiln.engine.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
  private static final Schema SCHEMA = new Schema(List.of(List.of("CREATE TABLE t(k TEXT PRIMARY KEY, v INTEGER)")));
  private static final String INSERT = "INSERT INTO t(k, v) VALUES (?, ?)";
  private static final String SELECT = "SELECT v FROM t WHERE k >= ? ORDER BY k";

  @TempDir Path dir;
  private Database db;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(dir.resolve("test.db"), SCHEMA);
    db.write(c -> {
      for (int i = 0; i < 5; i++) insert(c, "k" + i, i);
      return null;
    });
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void aStatementPreparedAgainIsTheSameOneWithFreshParameters() throws Exception {
    PreparedStatement[] seen = new PreparedStatement[2];
    List<Integer> first = db.read(c -> select(c, "k3", seen, 0));
    List<Integer> second = db.read(c -> select(c, "k1", seen, 1));
    assertThat(first).containsExactly(3, 4);
    assertThat(second).containsExactly(1, 2, 3, 4);
    assertThat(seen[1]).isSameAs(seen[0]);
  }

  @Test
  void theSameTextPreparedWhileOpenGetsAStatementOfItsOwn() throws Exception {
    List<Integer> inner = new ArrayList<>();
    List<Integer> outer = db.read(c -> {
      List<Integer> values = new ArrayList<>();
      try (PreparedStatement a = c.prepareStatement(SELECT)) {
        a.setString(1, "k2");
        try (ResultSet rs = a.executeQuery()) {
          while (rs.next()) {
            values.add(rs.getInt(1));
            try (PreparedStatement b = c.prepareStatement(SELECT)) {
              assertThat(b).isNotSameAs(a);
              b.setString(1, "k4");
              try (ResultSet rs2 = b.executeQuery()) {
                while (rs2.next()) inner.add(rs2.getInt(1));
              }
            }
          }
        }
      }
      return values;
    });
    assertThat(outer).containsExactly(2, 3, 4);
    assertThat(inner).containsExactly(4, 4, 4);
  }

  @Test
  void closingAStatementEndsItsReadEvenWithRowsLeftAndItsResultSetOpen() throws Exception {
    db.read(c -> {
      PreparedStatement ps = c.prepareStatement(SELECT);
      ps.setString(1, "k0");
      ResultSet rs = ps.executeQuery();
      assertThat(rs.next()).isTrue(); // four rows left unread, the result set never closed
      ps.close();
      assertThat(rs.isClosed()).isTrue();
      return null;
    });
    // A reader still inside its read would keep the checkpoint from reaching the end of the log.
    db.write(c -> insert(c, "k9", 9));
    try (Connection other = org.sqlite.JDBC.createConnection("jdbc:sqlite:" + dir.resolve("test.db"), new Properties());
        Statement s = other.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      assertThat(rs.getInt(1)).as("checkpoint blocked").isZero();
    }
  }

  @Test
  void aBatchLeftUnexecutedIsNotRunByTheNextUser() throws Exception {
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        ps.setString(1, "dropped");
        ps.setInt(2, 100);
        ps.addBatch();
      }
      return null;
    });
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        ps.setString(1, "kept");
        ps.setInt(2, 7);
        ps.addBatch();
        ps.executeBatch();
      }
      return null;
    });
    List<Integer> values = db.read(c -> select(c, "d", new PreparedStatement[1], 0));
    assertThat(values).containsExactly(0, 1, 2, 3, 4, 7);
  }

  @Test
  void aClosedStatementCannotBeUsed() throws Exception {
    db.read(c -> {
      PreparedStatement ps = c.prepareStatement(SELECT);
      ps.close();
      assertThat(ps.isClosed()).isTrue();
      assertThatThrownBy(() -> ps.setString(1, "k0")).isInstanceOf(SQLException.class);
      return null;
    });
  }

  @Test
  void manyDistinctStatementsStayCorrectPastTheCapacity() throws Exception {
    for (int i = 0; i < StatementCache.CAPACITY + 20; i++) {
      String sql = "SELECT v + " + i + " FROM t WHERE k = ?";
      int expected = 2 + i;
      int got = db.read(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, "k2");
          try (ResultSet rs = ps.executeQuery()) {
            return rs.getInt(1);
          }
        }
      });
      assertThat(got).isEqualTo(expected);
    }
  }

  private static Void insert(Connection c, String k, int v) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setString(1, k);
      ps.setInt(2, v);
      ps.executeUpdate();
    }
    return null;
  }

  private static List<Integer> select(Connection c, String from, PreparedStatement[] seen, int slot)
      throws SQLException {
    List<Integer> values = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SELECT)) {
      seen[slot] = ps;
      ps.setString(1, from);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) values.add(rs.getInt(1));
      }
    }
    return values;
  }
}
