package dev.kiln.engine.metadata;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's embedded SQLite database (WAL mode). Writes go through one connection under a lock,
 * each in a short {@code BEGIN IMMEDIATE} transaction; reads use a small pool and never wait for
 * writers. Thread-safe.
 */
public final class Database implements AutoCloseable {
  private static final int READERS = 4;

  private final String url;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Prepared once under the write lock: a build writes many short transactions. */
  private Transaction transaction;
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  /** Readers opened so far: opened as reads need them (a connection costs milliseconds; a CLI run needs one or two). */
  private int openedReaders;
  private final List<Connection> all = new ArrayList<>();

  /** A unit of work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private Database(Path file) throws SQLException {
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.writer = connect();
    try (Statement s = writer.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
    }
  }

  private record Transaction(PreparedStatement begin, PreparedStatement commit, PreparedStatement rollback) {
    Transaction(Connection c) throws SQLException {
      this(c.prepareStatement("BEGIN IMMEDIATE"), c.prepareStatement("COMMIT"), c.prepareStatement("ROLLBACK"));
    }
  }

  /** Opens (creating if needed) the database and brings its schema up to date. */
  public static Database open(Path file, Schema schema) throws SQLException {
    Database db = new Database(file);
    try {
      schema.migrate(db);
      return db;
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private Connection connect() throws SQLException {
    // No generated keys (nothing here reads them): the driver would otherwise match every statement
    // against a regular expression and run a second query after each INSERT.
    var options = new java.util.Properties();
    options.setProperty("jdbc.get_generated_keys", "false");
    // The driver itself, not DriverManager: that first scans every jar for java.sql.Driver services.
    Connection c = org.sqlite.JDBC.createConnection(url, options);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      s.execute("PRAGMA foreign_keys=ON");
      // WAL with NORMAL is durable across process crashes; full fsync on every commit is not needed.
      s.execute("PRAGMA synchronous=NORMAL");
    }
    synchronized (all) {
      all.add(c);
    }
    return c;
  }

  /** Runs {@code work} in a write transaction; it commits when {@code work} returns normally. */
  public <T> T write(Work<T> work) throws SQLException {
    writeLock.lock();
    try {
      if (transaction == null) transaction = new Transaction(writer);
      transaction.begin.execute();
      try {
        T result = work.apply(writer);
        transaction.commit.execute();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          transaction.rollback.execute();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Runs {@code work} on a read connection (a consistent snapshot per statement). */
  public <T> T read(Work<T> work) throws SQLException {
    Connection c;
    try {
      c = readers.poll();
      if (c == null) c = newReaderOrNull();
      if (c == null) c = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a database connection", e);
    }
    try {
      return work.apply(c);
    } finally {
      readers.add(c);
    }
  }

  /** A new reader while fewer than {@link #READERS} exist, else null (wait for one). */
  private Connection newReaderOrNull() throws SQLException {
    synchronized (readers) {
      if (openedReaders == READERS) return null;
      openedReaders++;
    }
    try {
      return connect();
    } catch (SQLException | RuntimeException e) {
      synchronized (readers) {
        openedReaders--;
      }
      throw e;
    }
  }

  /** {@link #read} for I/O code: a database failure becomes an IOException saying what was being done. */
  public <T> T readIo(String what, Work<T> work) throws IOException {
    try {
      return read(work);
    } catch (SQLException e) {
      throw new IOException("metadata database: " + what + ": " + e.getMessage(), e);
    }
  }

  /** {@link #write} for I/O code: a database failure becomes an IOException saying what was being done. */
  public <T> T writeIo(String what, Work<T> work) throws IOException {
    try {
      return write(work);
    } catch (SQLException e) {
      throw new IOException("metadata database: " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws SQLException {
    SQLException first = null;
    synchronized (all) {
      for (Connection c : all) {
        try {
          c.close();
        } catch (SQLException e) {
          if (first == null) first = e;
        }
      }
      all.clear();
    }
    if (first != null) throw first;
  }
}
