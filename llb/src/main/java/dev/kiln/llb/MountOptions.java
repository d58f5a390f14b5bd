package dev.kiln.llb;

/** Options of one exec mount. */
public final class MountOptions {
  boolean readonly;
  String selector = "";
  boolean noOutput;
  String cacheId = "";
  CacheSharing cacheSharing = CacheSharing.SHARED;
  boolean tmpfs;
  long tmpfsSize;

  MountOptions() {}

  public MountOptions readonly() {
    this.readonly = true;
    return this;
  }

  /** Mounts only this path of the source. */
  public MountOptions sourcePath(String path) {
    this.selector = path;
    return this;
  }

  /** A writable mount whose changes are thrown away. */
  public MountOptions noOutput() {
    this.noOutput = true;
    return this;
  }

  /** A persistent cache directory shared across builds by id. */
  public MountOptions cache(String id, CacheSharing sharing) {
    this.cacheId = id;
    this.cacheSharing = sharing;
    return this;
  }

  public MountOptions tmpfs() {
    this.tmpfs = true;
    return this;
  }

  /** A tmpfs of at most {@code bytes} (0: the runtime's default). */
  public MountOptions tmpfs(long bytes) {
    this.tmpfs = true;
    this.tmpfsSize = bytes;
    return this;
  }

  boolean hasOutput() {
    return !noOutput && !readonly && cacheId.isEmpty() && !tmpfs;
  }
}
