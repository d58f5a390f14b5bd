package dev.kiln.engine.cache.contenthash;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Content checksums of paths inside a tree, like BuildKit's {@code cache/contenthash}: a regular
 * file's digest covers its type, permission bits (with setuid/setgid/sticky), uid, gid, xattrs
 * and content; a symlink's its owner and target; a directory's its own header plus the sorted
 * (name, digest) list of its children. Times never count, and iteration order never matters.
 *
 * <p>Owns a small pool hashing files in parallel; thread-safe; close it when the worker stops.
 * For trees that do not change use {@link ImmutableChecksums}, for a local build context {@link
 * LocalContextChecksums}: both remember what they computed.
 */
public final class ContentHasher implements AutoCloseable {
  private final FileHasher files;
  private final TreeHasher tree;

  public ContentHasher() {
    this(Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 8));
  }

  /** {@code parallelism} threads read and hash file contents. */
  public ContentHasher(int parallelism) {
    this.files = new FileHasher(Math.max(1, parallelism));
    this.tree = new TreeHasher(files);
  }

  /**
   * The checksum of {@code path} (an in-root path) in {@code root}, computed from scratch.
   *
   * @throws java.nio.file.NoSuchFileException naming the in-root path when it does not exist
   */
  public Digest checksum(Path root, String path, ChecksumOptions options) throws IOException {
    return tree.checksum(root, path, options, Memo.NONE);
  }

  /** Regular files whose content this hasher has read, over its lifetime. */
  public long filesHashed() {
    return files.filesHashed();
  }

  TreeHasher tree() {
    return tree;
  }

  @Override
  public void close() {
    files.close();
  }
}
