package dev.kiln.engine.source.local;

import dev.kiln.engine.cache.contenthash.LocalContextChecksums;
import dev.kiln.engine.cache.contenthash.LocalContextChecksums.StatKey;
import dev.kiln.engine.fs.HardLinks;
import dev.kiln.engine.snapshot.SnapshotStore;
import dev.kiln.engine.sys.Stat;
import dev.kiln.llb.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a local source's new snapshot from the previous snapshot of the same directory: a file
 * whose stat (size, mtime, ctime, inode, device, mode, owner) is what it was when the previous
 * snapshot copied it has the same bytes and metadata there, so it is hard-linked from it
 * (committed snapshots are never written) and only changed files are copied. Each snapshot keeps
 * the stat its files were copied with ({@value #FILES}, next to its tree); a pointer per directory
 * names the latest snapshot. As with the checksum memo, a file whose ctime is within a timestamp
 * tick of its copy is not recorded ({@link LocalContextChecksums#racy}): a same-size change in the
 * same tick would look unchanged. A missing, removed or unreadable previous snapshot only costs a
 * full copy. A linked file's digest, when the context's checksums know it for that stat and the
 * file is root's (snapshot files are; a digest covers the owner), is kept for the new snapshot's
 * checksums ({@link #linkedDigests}). Not thread-safe: one copy at a time.
 */
final class PreviousSnapshot implements HardLinks, AutoCloseable {
  static final String FILES = "context-files";
  private static final String MAGIC = "kiln.contextfiles.v1";

  private final SnapshotStore store;
  private final Path context;
  private final Optional<String> previous; // held while this is open
  private final Map<String, StatKey> previousFiles;
  private final LocalContextChecksums contextDigests;
  private final Map<String, StatKey> copied = new HashMap<>();
  private final Map<String, Digest> linkedDigests = new HashMap<>();

  private PreviousSnapshot(SnapshotStore store, Path context, Optional<String> previous, Map<String, StatKey> files,
      LocalContextChecksums contextDigests) {
    this.store = store;
    this.context = context;
    this.previous = previous;
    this.previousFiles = files;
    this.contextDigests = contextDigests;
  }

  /** The snapshot {@code pointer} names, held against removal until {@link #close}, if it is still there. */
  static PreviousSnapshot of(SnapshotStore store, Path context, Path pointer, LocalContextChecksums contextDigests)
      throws IOException {
    Optional<String> id = readPointer(pointer);
    if (id.isPresent() && store.hold(id.get())) {
      if (store.exists(id.get())) {
        return new PreviousSnapshot(store, context, id, read(store.dir(id.get()).resolve(FILES)), contextDigests);
      }
      store.release(id.get());
    }
    return new PreviousSnapshot(store, context, Optional.empty(), Map.of(), contextDigests);
  }

  @Override
  public boolean link(Path src, Stat st, Path target) throws IOException {
    String rel = context.relativize(src).toString();
    StatKey now = StatKey.of(st);
    if (!LocalContextChecksums.racy(st.ctime(), Instant.now())) copied.put(rel, now);
    if (previous.isEmpty() || !now.equals(previousFiles.get(rel))) return false;
    try {
      if (!HardLinks.linkOrFalse(target, store.dir(previous.get()).resolve("fs").resolve(rel))) return false;
    } catch (NoSuchFileException e) {
      return false;
    }
    if (st.uid() == 0 && st.gid() == 0) {
      contextDigests.known("/" + rel, st).ifPresent(d -> linkedDigests.put("/" + rel, d));
    }
    return true;
  }

  /** Digests of linked files ("/a/b"), valid for the new snapshot's files too. */
  Map<String, Digest> linkedDigests() {
    return linkedDigests;
  }

  /** Records what {@code snapshot} (now committed) was made of and makes it the one {@code pointer} names. */
  void remember(String snapshot, Path pointer) throws IOException {
    Path files = store.dir(snapshot).resolve(FILES);
    Path tmp = files.resolveSibling(FILES + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
      out.writeUTF(MAGIC);
      out.writeInt(copied.size());
      for (var e : copied.entrySet()) {
        out.writeUTF(e.getKey());
        e.getValue().write(out);
      }
    }
    Files.move(tmp, files, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Files.createDirectories(pointer.getParent());
    Path ptmp = Files.createTempFile(pointer.getParent(), pointer.getFileName().toString(), ".tmp");
    Files.writeString(ptmp, snapshot);
    Files.move(ptmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    previous.ifPresent(store::release);
  }

  private static Optional<String> readPointer(Path pointer) {
    try {
      String id = Files.readString(pointer).strip();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Empty when missing, torn or foreign: nothing is linked then. */
  private static Map<String, StatKey> read(Path file) {
    Map<String, StatKey> out = new HashMap<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (!in.readUTF().equals(MAGIC)) return Map.of();
      int n = in.readInt();
      for (int i = 0; i < n; i++) out.put(in.readUTF(), StatKey.read(in));
      return out;
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }
}
