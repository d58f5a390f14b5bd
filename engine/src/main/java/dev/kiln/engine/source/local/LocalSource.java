package dev.kiln.engine.source.local;

import dev.kiln.engine.cache.contenthash.ChecksumOptions;
import dev.kiln.engine.cache.contenthash.ContentHasher;
import dev.kiln.engine.cache.contenthash.ImmutableChecksums;
import dev.kiln.engine.cache.contenthash.LocalContextChecksums;
import dev.kiln.engine.fs.Copy;
import dev.kiln.engine.fs.FileActions;
import dev.kiln.engine.fs.Owner;
import dev.kiln.engine.source.LocalDirs;
import dev.kiln.engine.source.Source;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code local://NAME}: a directory the caller supplies. Unlike BuildKit, whose key for a local
 * source changes with every session, the key here is the checksum of the files the build may
 * read, so an unchanged context is a cache hit and is not copied again. Files land owned by root,
 * as BuildKit's client sends them. A changed context copies only its changed files: the others
 * are hard-linked from the previous snapshot of the same directory ({@link PreviousSnapshot}).
 */
public final class LocalSource implements Source {
  private final SnapshotRefs refs;
  private final ContentHasher hasher;
  private final ImmutableChecksums snapshotChecksums;
  private final Path memoDir;
  /** Per directory, so re-checking an unchanged context is a stat walk; memos persist in {@code memoDir}. */
  private final RecentContexts checksums;

  /**
   * @param snapshotChecksums told the digests of the files a new snapshot shares with the previous
   *     one, so checksumming the snapshot (a COPY's cache key) does not read them again
   * @param memoDir where each context directory's checksum memo is kept between processes
   */
  public LocalSource(SnapshotRefs refs, ContentHasher hasher, ImmutableChecksums snapshotChecksums, Path memoDir) {
    this.refs = refs;
    this.hasher = hasher;
    this.snapshotChecksums = snapshotChecksums;
    this.memoDir = memoDir;
    this.checksums = new RecentContexts(RecentContexts.DEFAULT_CAPACITY,
        d -> new LocalContextChecksums(hasher, d, Optional.of(memoFile(d))));
  }

  @Override
  public Set<String> schemes() {
    return Set.of("local");
  }

  @Override
  public CacheMap cacheMap(OpContext ctx, SourceRequest request) throws Exception {
    LocalRequest local = LocalRequest.of(request);
    Path dir = directory(request, local);
    Digest content = ctx.heavy(() -> contextChecksums(dir)
        .checksum("/", new ChecksumOptions(false, false, local.includes(), local.excludes())));
    String recipe = "kiln.local.v0\n" + local.name() + "\n" + local.includes() + "\n" + local.excludes() + "\n" + content;
    return CacheMap.of(Digest.of(recipe.getBytes(StandardCharsets.UTF_8)).value(), 0);
  }

  @Override
  public Result exec(OpContext ctx, SourceRequest request) throws Exception {
    LocalRequest local = LocalRequest.of(request);
    Path dir = directory(request, local);
    Copy copy = new Copy("/", "/", Owner.ROOT, null, false, true, false, false, false, false, null,
        local.includes(), local.excludes(), false);
    Path pointer = stateFile(dir, ".snapshot");
    try (PreviousSnapshot previous = PreviousSnapshot.of(refs.store(), dir, pointer, contextChecksums(dir))) {
      Result result = refs.build(null, root -> ctx.heavy(() -> {
        FileActions.copy(dir, root, copy, previous);
        return null;
      }));
      String id = SnapshotRefs.snapshotId(result);
      refs.store().describe(id, "source.local", "local source for " + local.name());
      snapshotChecksums.seed(id, previous.linkedDigests());
      try {
        previous.remember(id, pointer);
      } catch (IOException e) {
        // the snapshot is fine; the next change of this context only copies everything again
      }
      return result;
    }
  }

  private LocalContextChecksums contextChecksums(Path dir) {
    return checksums.of(dir);
  }

  /** One memo per absolute directory path: the same context (or kept sync directory) finds its memo again. */
  private Path memoFile(Path dir) {
    return stateFile(dir, ".memo");
  }

  private Path stateFile(Path dir, String suffix) {
    String id = Digest.of(dir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8)).hex();
    return memoDir.resolve(id.substring(0, 32) + suffix);
  }

  private static Path directory(SourceRequest request, LocalRequest local) throws IOException {
    Path dir = request.build().localDirs().get(local.name(), local.request()).orElseThrow(() -> new IOException(
        "local directory '" + local.name() + "' was not provided (pass --local " + local.name() + "=DIR)"));
    if (!Files.isDirectory(dir)) {
      throw new IOException("local directory '" + local.name() + "' is not a directory: " + dir);
    }
    return dir;
  }

  /** The attrs of a local source that decide what is transferred. */
  record LocalRequest(String name, List<String> includes, List<String> excludes, LocalDirs.Request request) {
    static LocalRequest of(SourceRequest r) throws IOException {
      List<String> declared = JsonStrings.parseArray(r.attrs().get("local.includepattern"));
      List<String> follow = JsonStrings.parseArray(r.attrs().get("local.followpaths"));
      List<String> excludes = JsonStrings.parseArray(r.attrs().get("local.excludepatterns"));
      // Follow-paths narrow what is read to those paths when no include patterns are given.
      List<String> includes = declared.isEmpty() ? follow : declared;
      String hint = r.attrs().getOrDefault("local.sharedkeyhint", "");
      return new LocalRequest(r.rest(), includes, excludes, new LocalDirs.Request(declared, excludes, follow, hint));
    }
  }
}
