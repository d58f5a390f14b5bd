package dev.kiln.engine.cache.contenthash;

import dev.kiln.engine.sys.Stat;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checksums of a directory that changes between builds (a local build context). A file's
 * previous digest is reused while its (size, mtime, ctime, inode, device, mode, uid, gid) are
 * unchanged; ctime moves on any content, xattr or owner change, so re-checking an unchanged tree
 * is a stat walk only. Directories are always re-folded from their children. Thread-safe.
 */
public final class LocalContextChecksums {
  private record StatKey(
      long size, Instant mtime, Instant ctime, long ino, long dev, int mode, int uid, int gid) {
    static StatKey of(Stat st) {
      return new StatKey(
          st.size(), st.mtime(), st.ctime(), st.ino(), st.dev(), st.mode(), st.uid(), st.gid());
    }
  }

  private record Known(StatKey key, Digest digest) {}

  private final ContentHasher hasher;
  private final Path root;
  private final Map<String, Known> files = new ConcurrentHashMap<>();
  private final Memo memo =
      new Memo() {
        @Override
        public Digest lookup(Node n) {
          Known k = n.st.isRegularFile() ? files.get(n.path) : null;
          return k != null && k.key().equals(StatKey.of(n.st)) ? k.digest() : null;
        }

        @Override
        public void store(Node n, Digest d) {
          if (n.st.isRegularFile()) {
            files.put(n.path, new Known(StatKey.of(n.st), d));
          }
        }

        @Override
        public boolean coversDirectories() {
          return false;
        }
      };

  public LocalContextChecksums(ContentHasher hasher, Path root) {
    this.hasher = hasher;
    this.root = root;
  }

  public Digest checksum(String path, ChecksumOptions options) throws IOException {
    return hasher.tree().checksum(root, path, options, memo);
  }
}
