package dev.kiln.engine.cache.contenthash;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checksums of trees that never change once committed (immutable snapshots), remembered per
 * tree id the caller gives: asking again for a path, or for anything below a directory already
 * checksummed, reads nothing from disk. Call {@link #forget} when the tree is released.
 * Thread-safe.
 */
public final class ImmutableChecksums {
  private record Request(String path, ChecksumOptions options) {}

  private static final class TreeMemo implements Memo {
    final Map<String, Digest> entries = new ConcurrentHashMap<>();
    final Map<Request, Digest> results = new ConcurrentHashMap<>();

    @Override
    public Digest lookup(Node n) {
      return entries.get(n.path);
    }

    @Override
    public void store(Node n, Digest d) {
      entries.put(n.path, d);
    }

    @Override
    public boolean coversDirectories() {
      return true;
    }
  }

  private final ContentHasher hasher;
  private final Map<String, TreeMemo> trees = new ConcurrentHashMap<>();

  public ImmutableChecksums(ContentHasher hasher) {
    this.hasher = hasher;
  }

  /** The checksum of {@code path} in the tree {@code treeId} rooted at {@code root}. */
  public Digest checksum(String treeId, Path root, String path, ChecksumOptions options)
      throws IOException {
    TreeMemo memo = trees.computeIfAbsent(treeId, id -> new TreeMemo());
    Request request = new Request(path, options);
    Digest known = memo.results.get(request);
    if (known != null) {
      return known;
    }
    Digest d = hasher.tree().checksum(root, path, options, memo);
    memo.results.put(request, d);
    return d;
  }

  /**
   * Tells the digests of some files of {@code treeId} (in-root paths, "/a/b") known by other
   * means — a local source's files from its context's checksums — so they are not read again.
   */
  public void seed(String treeId, Map<String, Digest> files) {
    if (!files.isEmpty()) trees.computeIfAbsent(treeId, id -> new TreeMemo()).entries.putAll(files);
  }

  /** Drops what is remembered of {@code treeId}. */
  public void forget(String treeId) {
    trees.remove(treeId);
  }
}
