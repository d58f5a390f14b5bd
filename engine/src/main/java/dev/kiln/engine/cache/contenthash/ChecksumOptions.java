package dev.kiln.engine.cache.contenthash;

import java.util.List;

/**
 * How a path is checksummed.
 *
 * @param followLinks a symlink named by the path is replaced by its target (symlinks inside
 *     directories are always hashed as links)
 * @param wildcard the path holds Go {@code filepath.Match} wildcards; the checksum covers every
 *     match, with its path
 * @param includePatterns dockerignore-syntax patterns, relative to the path; only matching
 *     entries (and the directories holding them) count
 * @param excludePatterns ditto, removing entries after the includes
 */
public record ChecksumOptions(
    boolean followLinks,
    boolean wildcard,
    List<String> includePatterns,
    List<String> excludePatterns) {

  public static final ChecksumOptions DEFAULT = new ChecksumOptions(false, false, List.of(), List.of());

  public ChecksumOptions {
    includePatterns = List.copyOf(includePatterns);
    excludePatterns = List.copyOf(excludePatterns);
  }

  public boolean filtered() {
    return !includePatterns.isEmpty() || !excludePatterns.isEmpty();
  }
}
