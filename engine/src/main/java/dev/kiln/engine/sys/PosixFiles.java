package dev.kiln.engine.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Inode metadata calls the JDK lacks or splits in several syscalls: lstat with uid/gid/rdev/ctime
 * in one call, lchown, chmod with setuid/setgid/sticky, nanosecond times on a symlink itself,
 * mknod. None of these follow a symlink in the last component, except {@link #chmod} (Linux has
 * no lchmod; callers never chmod a symlink).
 */
public final class PosixFiles {
  private static final int STATX_BASIC_STATS = 0x7ff;
  private static final long STATX_SIZE = 256;

  private static final MethodHandle STATX =
      Libc.errnoCall(
          "statx",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
  // Linked on first use (holder classes): making a handle costs milliseconds, and a CLI run needs few.
  private static final class LchownHandle {
    static final MethodHandle H =
        Libc.errnoCall("lchown", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  }
  private static final class ChmodHandle {
    static final MethodHandle H =
        Libc.errnoCall("chmod", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
  }
  private static final class UtimensatHandle {
    static final MethodHandle H =
        Libc.errnoCall(
            "utimensat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
  }
  private static final class MknodHandle {
    static final MethodHandle H =
        Libc.errnoCall("mknod", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
  }

  private PosixFiles() {}

  /** lstat: the path itself, a symlink is not followed. */
  public static Stat lstat(Path path) throws SysException {
    return lstat(path, false).orElseThrow();
  }

  /**
   * Like {@link #lstat(Path)}, but empty when there is nothing at {@code path} (ENOENT, or
   * ENOTDIR for a file on the way): no exception to build where absence is the common answer.
   */
  public static java.util.Optional<Stat> lstatIfExists(Path path) throws SysException {
    return lstat(path, true);
  }

  private static java.util.Optional<Stat> lstat(Path path, boolean absentIsEmpty) throws SysException {
    SegmentAllocator arena = Libc.scratch();
    MemorySegment state = Libc.captureState(arena);
    MemorySegment buf = arena.allocate(STATX_SIZE, 8);
    int rc;
    try {
      rc =
          (int)
              STATX.invokeExact(
                  state,
                  Libc.AT_FDCWD,
                  Libc.cPath(arena, path),
                  Libc.AT_SYMLINK_NOFOLLOW,
                  STATX_BASIC_STATS,
                  buf);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    if (rc != 0 && absentIsEmpty) {
      int errno = Libc.errno(state);
      if (errno == Errno.ENOENT || errno == Errno.ENOTDIR) return java.util.Optional.empty();
    }
    check(rc, state, "lstat " + path);
    return java.util.Optional.of(decodeStatx(buf));
  }

  // Offsets of struct statx (include/uapi/linux/stat.h).
  private static Stat decodeStatx(MemorySegment b) {
    return new Stat(
        Short.toUnsignedInt(b.get(java.lang.foreign.ValueLayout.JAVA_SHORT, 28)),
        b.get(JAVA_INT, 20),
        b.get(JAVA_INT, 24),
        b.get(JAVA_LONG, 40),
        b.get(JAVA_LONG, 32),
        Stat.makedev(
            Integer.toUnsignedLong(b.get(JAVA_INT, 136)),
            Integer.toUnsignedLong(b.get(JAVA_INT, 140))),
        b.get(JAVA_INT, 16),
        Stat.makedev(
            Integer.toUnsignedLong(b.get(JAVA_INT, 128)),
            Integer.toUnsignedLong(b.get(JAVA_INT, 132))),
        timestamp(b, 64),
        timestamp(b, 112),
        timestamp(b, 96));
  }

  private static Instant timestamp(MemorySegment b, long offset) {
    return Instant.ofEpochSecond(b.get(JAVA_LONG, offset), b.get(JAVA_INT, offset + 8));
  }

  /** Owner of the path itself; a symlink's own owner, not its target's. */
  public static void lchown(Path path, int uid, int gid) throws SysException {
    SegmentAllocator arena = Libc.scratch();
    MemorySegment state = Libc.captureState(arena);
    int rc;
    try {
      rc = (int) LchownHandle.H.invokeExact(state, Libc.cPath(arena, path), uid, gid);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    check(rc, state, "lchown " + uid + ":" + gid + " " + path);
  }

  /** All twelve permission bits, setuid/setgid/sticky included. Follows symlinks. */
  public static void chmod(Path path, int mode) throws SysException {
    SegmentAllocator arena = Libc.scratch();
    MemorySegment state = Libc.captureState(arena);
    int rc;
    try {
      rc = (int) ChmodHandle.H.invokeExact(state, Libc.cPath(arena, path), mode & 07777);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    check(rc, state, "chmod " + Integer.toOctalString(mode & 07777) + " " + path);
  }

  /** Access and modification time with nanoseconds, on the path itself (symlinks too). */
  public static void setTimes(Path path, Instant atime, Instant mtime) throws SysException {
    SegmentAllocator arena = Libc.scratch();
    MemorySegment state = Libc.captureState(arena);
    MemorySegment times = arena.allocate(32, 8);
    times.set(JAVA_LONG, 0, atime.getEpochSecond());
    times.set(JAVA_LONG, 8, atime.getNano());
    times.set(JAVA_LONG, 16, mtime.getEpochSecond());
    times.set(JAVA_LONG, 24, mtime.getNano());
    int rc;
    try {
      rc =
          (int)
              UtimensatHandle.H.invokeExact(
                  state, Libc.AT_FDCWD, Libc.cPath(arena, path), times, Libc.AT_SYMLINK_NOFOLLOW);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    check(rc, state, "utimensat " + path);
  }

  /**
   * Creates a device node, fifo or socket file. {@code mode} holds the type ({@link Stat#S_IFCHR}
   * …) and permission bits; the process umask applies to the latter.
   */
  public static void mknod(Path path, int mode, long dev) throws SysException {
    SegmentAllocator arena = Libc.scratch();
    MemorySegment state = Libc.captureState(arena);
    int rc;
    try {
      rc = (int) MknodHandle.H.invokeExact(state, Libc.cPath(arena, path), mode, dev);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    check(rc, state, "mknod " + path);
  }

  /** An overlayfs whiteout: a character device 0/0 hiding {@code path} of the lower layers. */
  public static void mkWhiteout(Path path) throws SysException {
    mknod(path, Stat.S_IFCHR, 0);
  }

  private static void check(int rc, MemorySegment state, String call) throws SysException {
    if (rc != 0) {
      throw new SysException(call, Libc.errno(state));
    }
  }
}
