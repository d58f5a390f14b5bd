package dev.kiln.engine.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/** mount(2) and umount2(2). Both need CAP_SYS_ADMIN. */
public final class Mounts {
  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_REMOUNT = 32;
  public static final long MS_BIND = 4096;
  public static final long MS_REC = 16384;
  public static final long MS_PRIVATE = 1L << 18;
  public static final long MS_SLAVE = 1L << 19;

  public static final int MNT_FORCE = 1;
  /** Lazy unmount: detach now, clean up when the last user goes away. */
  public static final int MNT_DETACH = 2;

  private static final MethodHandle MOUNT =
      Libc.errnoCall(
          "mount", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
  private static final MethodHandle UMOUNT2 =
      Libc.errnoCall("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

  private Mounts() {}

  /**
   * Mounts {@code source} on {@code target}. {@code fstype} and {@code data} may be null (bind
   * mounts and remounts pass none).
   */
  public static void mount(String source, Path target, String fstype, long flags, String data)
      throws SysException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.captureState(arena);
      int rc;
      try {
        rc =
            (int)
                MOUNT.invokeExact(
                    state,
                    orNull(arena, source),
                    Libc.cPath(arena, target),
                    orNull(arena, fstype),
                    flags,
                    orNull(arena, data));
      } catch (Throwable t) {
        throw Libc.rethrow(t);
      }
      if (rc != 0) {
        String what = fstype != null ? fstype : source;
        throw new SysException("mount " + what + " on " + target, Libc.errno(state));
      }
    }
  }

  public static void umount(Path target, int flags) throws SysException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.captureState(arena);
      int rc;
      try {
        rc = (int) UMOUNT2.invokeExact(state, Libc.cPath(arena, target), flags);
      } catch (Throwable t) {
        throw Libc.rethrow(t);
      }
      if (rc != 0) {
        throw new SysException("umount " + target, Libc.errno(state));
      }
    }
  }

  private static MemorySegment orNull(Arena arena, String s) {
    return s == null ? MemorySegment.NULL : Libc.cString(arena, s);
  }
}
