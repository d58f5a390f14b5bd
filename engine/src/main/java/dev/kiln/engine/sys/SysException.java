package dev.kiln.engine.sys;

import java.io.IOException;

/**
 * A failed syscall: names the call and its object, and carries errno, e.g. {@code mount overlay
 * on /x: Invalid argument (EINVAL)}.
 */
public final class SysException extends IOException {
  private final String call;
  private final int errno;

  public SysException(String call, int errno) {
    super(call + ": " + Errno.describe(errno));
    this.call = call;
    this.errno = errno;
  }

  /** What was attempted, e.g. {@code "lsetxattr user.a /x"}. */
  public String call() {
    return call;
  }

  public int errno() {
    return errno;
  }

  public String errnoName() {
    return Errno.name(errno);
  }
}
