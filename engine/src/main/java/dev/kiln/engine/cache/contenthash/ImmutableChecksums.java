package dev.kiln.engine.cache.contenthash;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checksums of trees that never change once committed (immutable snapshots), remembered per
 * tree id the caller gives: asking again for a path, or for anything below a directory already
 * checksummed, reads nothing from disk. Call {@link #forget} when the tree is released.
 *
 * <p>What is remembered is bounded: a long-lived daemon checksums a new snapshot of every changed
 * build context, so the least recently used trees are dropped once the memos hold more than
 * {@code maxEntries} paths (a dropped tree is simply hashed again if asked for). Thread-safe.
 */
public final class ImmutableChecksums {
  /** About 200 bytes a path: some 20 MB of heap. */
  static final int DEFAULT_MAX_ENTRIES = 100_000;

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

    int size() {
      return entries.size() + results.size();
    }
  }

  private final ContentHasher hasher;
  private final int maxEntries;
  /** Access order: the first tree is the least recently used. */
  private final LinkedHashMap<String, TreeMemo> trees = new LinkedHashMap<>(16, 0.75f, true);

  public ImmutableChecksums(ContentHasher hasher) {
    this(hasher, DEFAULT_MAX_ENTRIES);
  }

  ImmutableChecksums(ContentHasher hasher, int maxEntries) {
    this.hasher = hasher;
    this.maxEntries = maxEntries;
  }

  /** The checksum of {@code path} in the tree {@code treeId} rooted at {@code root}. */
  public Digest checksum(String treeId, Path root, String path, ChecksumOptions options)
      throws IOException {
    TreeMemo memo;
    synchronized (trees) {
      memo = trees.computeIfAbsent(treeId, id -> new TreeMemo());
    }
    Request request = new Request(path, options);
    Digest known = memo.results.get(request);
    if (known != null) {
      return known;
    }
    Digest d = hasher.tree().checksum(root, path, options, memo);
    memo.results.put(request, d);
    trim(memo);
    return d;
  }

  /** Drops the least recently used trees, never {@code current}, until the memos fit the bound. */
  private void trim(TreeMemo current) {
    synchronized (trees) {
      long total = 0;
      for (TreeMemo m : trees.values()) total += m.size();
      for (Iterator<TreeMemo> it = trees.values().iterator(); total > maxEntries && it.hasNext(); ) {
        TreeMemo oldest = it.next();
        if (oldest == current) continue;
        total -= oldest.size();
        it.remove();
      }
    }
  }

  /**
   * Tells the digests of some files of {@code treeId} (in-root paths, "/a/b") known by other
   * means — a local source's files from its context's checksums — so they are not read again.
   */
  public void seed(String treeId, Map<String, Digest> files) {
    if (files.isEmpty()) return;
    TreeMemo memo;
    synchronized (trees) {
      memo = trees.computeIfAbsent(treeId, id -> new TreeMemo());
    }
    memo.entries.putAll(files);
    trim(memo);
  }

  /** Drops what is remembered of {@code treeId}. */
  public void forget(String treeId) {
    synchronized (trees) {
      trees.remove(treeId);
    }
  }

  /** Trees remembered now (for tests). */
  int trees() {
    synchronized (trees) {
      return trees.size();
    }
  }
}
