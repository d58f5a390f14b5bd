package dev.kiln.engine.sys;

import java.nio.file.Path;

/**
 * Links the syscall handles nearly every build uses (lstat, the xattr list, mount and umount) and
 * calls the first two once. A handle's first link and call cost a fresh JVM about 20 ms of method-handle
 * spinning: done while the engine opens, on a thread of its own, it leaves the build's first
 * context checksum or RUN step instead of delaying it.
 */
public final class NativeWarmUp {
  private NativeWarmUp() {}

  /** Best effort: {@code dir} is any existing directory; nothing is changed. */
  public static void run(Path dir) {
    try {
      PosixFiles.lstat(dir);
      Xattrs.list(dir);
      // Linked, not called: mounting needs a target.
      Class.forName(Mounts.class.getName(), true, NativeWarmUp.class.getClassLoader());
    } catch (SysException | ClassNotFoundException | RuntimeException | LinkageError e) {
      // the build links them on first use and reports any real failure there
    }
  }
}
