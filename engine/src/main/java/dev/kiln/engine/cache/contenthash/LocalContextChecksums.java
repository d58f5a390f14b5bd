package dev.kiln.engine.cache.contenthash;

import dev.kiln.engine.sys.Stat;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checksums of a directory that changes between builds (a local build context). A file's
 * previous digest is reused while its (size, mtime, ctime, inode, device, mode, uid, gid) are
 * unchanged; ctime moves on any content, xattr or owner change, so re-checking an unchanged tree
 * is a stat walk only. Like git's index, a file whose ctime is within a tick of now ({@link #racy}) is not
 * remembered (it is hashed again next time), so a same-size change in the same timestamp tick is
 * never missed. Directories are always re-folded from their children. With a memo file,
 * what was learnt survives the process (see {@link MemoFile}), so a new {@code kiln build} of an
 * unchanged context hashes nothing either. Thread-safe.
 */
public final class LocalContextChecksums {
  /** What identifies an unchanged file, in the units of {@link Stat}. */
  public record StatKey(long size, Instant mtime, Instant ctime, long ino, long dev, int mode, int uid, int gid) {
    public static StatKey of(Stat st) {
      return new StatKey(
          st.size(), st.mtime(), st.ctime(), st.ino(), st.dev(), st.mode(), st.uid(), st.gid());
    }

    /** Reads what {@link #write} wrote. */
    public static StatKey read(java.io.DataInput in) throws java.io.IOException {
      return new StatKey(in.readLong(), instant(in), instant(in), in.readLong(), in.readLong(),
          in.readInt(), in.readInt(), in.readInt());
    }

    public void write(java.io.DataOutput out) throws java.io.IOException {
      out.writeLong(size);
      writeInstant(out, mtime);
      writeInstant(out, ctime);
      out.writeLong(ino);
      out.writeLong(dev);
      out.writeInt(mode);
      out.writeInt(uid);
      out.writeInt(gid);
    }

    private static Instant instant(java.io.DataInput in) throws java.io.IOException {
      return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeInstant(java.io.DataOutput out, Instant t) throws java.io.IOException {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  record Known(StatKey key, Digest digest) {}

  /**
   * Whether a file with this ctime may still change unseen. Kernel timestamps advance in ticks of at
   * most 10 ms on filesystems with nanosecond times; a ctime with no sub-second part suggests one
   * with whole seconds (or a 2 s FAT clock), so the margin widens.
   */
  public static boolean racy(Instant ctime, Instant now) {
    Duration margin = ctime.getNano() == 0 ? Duration.ofMillis(2_500) : Duration.ofMillis(50);
    return !ctime.isBefore(now.minus(margin));
  }

  private final ContentHasher hasher;
  private final Path root;
  private final Optional<Path> memoFile;
  private final Clock clock;
  private final Map<String, Known> files = new ConcurrentHashMap<>();
  private final AtomicBoolean loaded = new AtomicBoolean();
  private final AtomicBoolean learnt = new AtomicBoolean();
  private final Memo memo =
      new Memo() {
        @Override
        public Digest lookup(Node n) {
          Known k = n.st.isRegularFile() ? files.get(n.path) : null;
          return k != null && k.key().equals(StatKey.of(n.st)) ? k.digest() : null;
        }

        @Override
        public void store(Node n, Digest d) {
          // A file changed within the timestamp granularity of now could change again, same size,
          // in the same tick and look untouched: remember it only once its ctime is old enough.
          if (n.st.isRegularFile() && !racy(n.st.ctime(), clock.instant())) {
            files.put(n.path, new Known(StatKey.of(n.st), d));
            learnt.set(true);
          }
        }

        @Override
        public boolean coversDirectories() {
          return false;
        }
      };

  /** Remembers for the life of this object only. */
  public LocalContextChecksums(ContentHasher hasher, Path root) {
    this(hasher, root, Optional.empty());
  }

  /**
   * @param memoFile where what is learnt about {@code root} is kept between processes; a missing,
   *     stale or unreadable file only costs hashing again
   */
  public LocalContextChecksums(ContentHasher hasher, Path root, Optional<Path> memoFile) {
    this(hasher, root, memoFile, Clock.systemUTC());
  }

  /** {@code clock} decides which files are too recently changed to be written to the memo. */
  LocalContextChecksums(ContentHasher hasher, Path root, Optional<Path> memoFile, Clock clock) {
    this.hasher = hasher;
    this.root = root;
    this.memoFile = memoFile;
    this.clock = clock;
  }

  public Digest checksum(String path, ChecksumOptions options) throws IOException {
    if (memoFile.isPresent() && loaded.compareAndSet(false, true)) {
      MemoFile.read(memoFile.get(), root).forEach(files::putIfAbsent);
    }
    // The walk sees which files exist: the memo file keeps them without a stat of its own.
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Digest d = hasher.tree().checksum(root, path, options, seeing(seen));
    if (memoFile.isPresent() && learnt.getAndSet(false)) save(seen);
    return d;
  }

  /** {@link #memo}, noting the regular files the walk found. */
  private Memo seeing(Set<String> seen) {
    return new Memo() {
      @Override
      public Digest lookup(Node n) {
        if (n.st.isRegularFile()) seen.add(n.path);
        return memo.lookup(n);
      }

      @Override
      public void store(Node n, Digest d) {
        memo.store(n, d);
      }

      @Override
      public boolean coversDirectories() {
        return memo.coversDirectories();
      }
    };
  }

  /** The digest last computed for the regular file at {@code path} ("/a/b"), if its stat is still {@code st}. */
  public Optional<Digest> known(String path, Stat st) {
    Known k = files.get(path);
    return k != null && k.key().equals(StatKey.of(st)) ? Optional.of(k.digest()) : Optional.empty();
  }

  private synchronized void save(Set<String> seen) throws IOException {
    MemoFile.write(memoFile.get(), root, Map.copyOf(files), seen);
  }
}
