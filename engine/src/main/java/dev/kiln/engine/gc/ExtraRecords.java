package dev.kiln.engine.gc;

import dev.kiln.engine.snapshot.DirectorySize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Usage records kept outside the snapshot table (cache-mount directories, git mirrors, http
 * downloads, checksum memos): listed with the snapshots and removed by rules of their own. Each kind owns the ids
 * that start with its {@link #prefix()}. Implementations are thread-safe.
 */
interface ExtraRecords {
  /** The start of every id of this kind, e.g. {@code cachemount:}. */
  String prefix();

  /** The records now; those used at or after {@code inUseSince} (epoch millis) are in use. */
  List<UsageRecord> list(long inUseSince) throws IOException;

  /**
   * Removes the record named {@code name} (its id without the prefix) unless something uses it or
   * used it at or after {@code fence}; returns whether it went.
   */
  boolean remove(String name, long fence) throws IOException;

  /**
   * The record of a directory used in place: measured now (its users change it), last used at its
   * mtime, which each use stamps.
   */
  static UsageRecord directory(String id, Path dir, boolean inUse, String description, RecordType type) throws IOException {
    BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class);
    Instant created = a.creationTime().toInstant();
    Instant used = a.lastModifiedTime().toInstant();
    return new UsageRecord(id, List.of(), DirectorySize.of(dir), false, inUse, false,
        created.isAfter(used) ? used : created, Optional.of(used), 0, description, type);
  }
}
