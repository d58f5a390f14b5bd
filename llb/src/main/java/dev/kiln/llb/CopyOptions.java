package dev.kiln.llb;

import java.util.List;

/** Options of {@link FileAction#copy}. */
public final class CopyOptions extends FileActionOptions<CopyOptions> {
  Integer mode;
  boolean followSymlinks;
  boolean copyDirContentsOnly;
  boolean attemptUnpack;
  boolean createDestPath;
  boolean allowWildcard;
  boolean allowEmptyWildcard;
  List<String> includePatterns = List.of();
  List<String> excludePatterns = List.of();

  CopyOptions() {}

  /** Mode of copied files (default: keep the source's). */
  public CopyOptions mode(int m) {
    this.mode = m;
    return this;
  }

  public CopyOptions followSymlinks() {
    this.followSymlinks = true;
    return this;
  }

  /** Copies a directory's contents rather than the directory itself. */
  public CopyOptions copyDirContentsOnly() {
    this.copyDirContentsOnly = true;
    return this;
  }

  /** Unpacks archives like Docker's ADD does. */
  public CopyOptions attemptUnpack() {
    this.attemptUnpack = true;
    return this;
  }

  public CopyOptions createDestPath() {
    this.createDestPath = true;
    return this;
  }

  public CopyOptions allowWildcard() {
    this.allowWildcard = true;
    return this;
  }

  /** A wildcard matching nothing is not an error. */
  public CopyOptions allowEmptyWildcard() {
    this.allowEmptyWildcard = true;
    return this;
  }

  public CopyOptions includePatterns(List<String> patterns) {
    this.includePatterns = List.copyOf(patterns);
    return this;
  }

  public CopyOptions excludePatterns(List<String> patterns) {
    this.excludePatterns = List.copyOf(patterns);
    return this;
  }
}
