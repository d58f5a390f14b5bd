package dev.kiln.llb;

import java.time.Instant;

/** Options shared by file actions that create files: owner and timestamp. */
public abstract class FileActionOptions<T extends FileActionOptions<T>> {
  Chown owner;
  Instant createdTime;

  @SuppressWarnings("unchecked")
  final T self() {
    return (T) this;
  }

  /** Owner as {@code user[:group]}, names resolved in the action's base filesystem. */
  public T owner(String spec) {
    this.owner = Chown.parse(spec);
    return self();
  }

  public T owner(int uid, int gid) {
    this.owner = Chown.ids(uid, gid);
    return self();
  }

  public T owner(Chown chown) {
    this.owner = chown;
    return self();
  }

  /** Timestamp for created files (default: build time). */
  public T createdTime(Instant time) {
    this.createdTime = time;
    return self();
  }

  long timestampNanos() {
    return createdTime == null ? -1 : createdTime.getEpochSecond() * 1_000_000_000L + createdTime.getNano();
  }
}
