package dev.kiln.engine.metadata;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a connection's prepared statements for reuse. SQLite compiles the SQL text on every
 * prepare, and the engine runs the same few dozen statements for every step of every build: in a
 * CPU-time profile of warm RUN steps, the driver's native {@code prepare} was 8 % of the engine's
 * CPU. Callers still prepare and close as JDBC says. Closing a cached statement closes its last
 * result set (which resets SQLite's statement, ending its read of the database), clears its
 * parameters and batch, and keeps it for the next prepare of the same text; the connection's own
 * close finalizes them all.
 *
 * <p>Not thread-safe, like the connection: {@link Database} hands each connection to one caller
 * at a time. The same text prepared again while its statement is open gets a statement of its own,
 * uncached.
 */
final class StatementCache implements InvocationHandler {
  /** Distinct statements kept per connection: the engine has fewer; generated SQL can have more. */
  static final int CAPACITY = 128;

  private final Connection connection;
  private final Map<String, Cached> statements = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      if (size() <= CAPACITY || eldest.getValue().open) return false;
      eldest.getValue().finish();
      return true;
    }
  };

  private StatementCache(Connection connection) {
    this.connection = connection;
  }

  /** {@code connection}, its {@code prepareStatement(String)} served from a cache. */
  static Connection wrap(Connection connection) {
    return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new StatementCache(connection));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "prepareStatement" -> {
        if (args.length == 1) return prepare((String) args[0]);
      }
      case "close" -> {
        if (args == null) closeAll();
      }
      case "equals" -> {
        if (args != null && args.length == 1) return proxy == args[0];
      }
      case "hashCode" -> {
        if (args == null) return System.identityHashCode(proxy);
      }
      default -> {}
    }
    return call(connection, method, args);
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    Cached cached = statements.get(sql);
    if (cached == null) {
      cached = new Cached(connection.prepareStatement(sql));
      statements.put(sql, cached);
    } else if (cached.open) {
      return connection.prepareStatement(sql); // nested use of the same text
    }
    cached.open = true;
    return cached.proxy;
  }

  private void closeAll() {
    for (Cached c : statements.values()) c.finish();
    statements.clear();
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** One kept statement and the caller's view of it. */
  private final class Cached implements InvocationHandler {
    private final PreparedStatement statement;
    private final PreparedStatement proxy;
    /** Prepared by a caller and not closed yet. */
    private boolean open;
    /** What a caller read through it, closed at release. */
    private final List<ResultSet> results = new ArrayList<>(1);
    /** Whether a caller ran {@code execute()}, which may leave a result set it never asked for. */
    private boolean executedAny;

    Cached(PreparedStatement statement) {
      this.statement = statement;
      this.proxy = (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
          new Class<?>[] {PreparedStatement.class}, this);
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "close" -> {
          if (args == null) {
            release();
            return null;
          }
        }
        case "isClosed" -> {
          if (args == null) return !open;
        }
        case "equals" -> {
          if (args != null && args.length == 1) return self == args[0];
        }
        case "hashCode" -> {
          if (args == null) return System.identityHashCode(self);
        }
        default -> {}
      }
      if (!open) throw new SQLException("statement is closed");
      if (method.getName().equals("execute")) executedAny = true;
      Object result = call(statement, method, args);
      if (result instanceof ResultSet rs) results.add(rs);
      return result;
    }

    /** Back to the cache, reset; finalized instead when it cannot be reset. */
    private void release() {
      if (!open) return;
      open = false;
      if (executedAny) {
        statements.values().remove(this);
        finish();
        return;
      }
      try {
        for (ResultSet rs : results) rs.close(); // resets the statement if it was still reading
        results.clear();
        statement.clearParameters();
        statement.clearBatch();
      } catch (SQLException e) {
        statements.values().remove(this);
        finish();
      }
    }

    private void finish() {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // closing: nothing left to do with it
      }
    }
  }
}
