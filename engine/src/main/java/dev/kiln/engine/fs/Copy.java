package dev.kiln.engine.fs;

import java.time.Instant;
import java.util.List;

/**
 * Copies {@code src} (in the source root) to {@code dest} (in the destination root), with
 * BuildKit's semantics (fsutil {@code copy}).
 *
 * @param owner null keeps each entry's uid/gid
 * @param mode null keeps each entry's permission bits; else replaces the 0777 bits
 * @param followSymlink resolve a symlink named by {@code src} instead of copying the link
 * @param dirCopyContents copy only a source directory's contents, not the directory itself
 * @param attemptUnpack extract a tar source (plain, gzip, bzip2, xz) into {@code dest}
 * @param createDestPath create missing parents of {@code dest}
 * @param allowWildcard {@code src} may hold Go {@code filepath.Match} wildcards
 * @param allowEmptyWildcard a wildcard matching nothing copies nothing instead of failing
 * @param time null keeps each entry's times
 * @param includePatterns dockerignore-syntax patterns, relative to a source directory
 * @param excludePatterns ditto, applied after the includes
 * @param alwaysReplaceExistingDestPaths replace an existing destination of another type (a
 *     directory replaces a file and vice versa) instead of failing
 */
public record Copy(
    String src,
    String dest,
    Owner owner,
    Integer mode,
    boolean followSymlink,
    boolean dirCopyContents,
    boolean attemptUnpack,
    boolean createDestPath,
    boolean allowWildcard,
    boolean allowEmptyWildcard,
    Instant time,
    List<String> includePatterns,
    List<String> excludePatterns,
    boolean alwaysReplaceExistingDestPaths)
    implements FileAction {

  public Copy {
    includePatterns = List.copyOf(includePatterns);
    excludePatterns = List.copyOf(excludePatterns);
  }

  /** A plain copy: nothing followed, created, unpacked or filtered; metadata kept. */
  public static Copy of(String src, String dest) {
    return new Copy(
        src, dest, null, null, false, false, false, false, false, false, null, List.of(), List.of(),
        false);
  }

  @Override
  public String describe() {
    return "copy " + src + " → " + dest;
  }
}
