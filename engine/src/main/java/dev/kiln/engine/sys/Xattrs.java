package dev.kiln.engine.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extended attributes of a path itself (the l-variants: a symlink's own attributes, never its
 * target's). Values are raw bytes; names are decoded like file names.
 */
public final class Xattrs {
  // Linked on first use (holder classes): making a handle costs milliseconds, and a CLI run needs few.
  private static final class LgetxattrHandle {
    static final MethodHandle H =
        Libc.errnoCall(
            "lgetxattr", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
  }
  private static final class LsetxattrHandle {
    static final MethodHandle H =
        Libc.errnoCall(
            "lsetxattr",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
  }
  private static final MethodHandle LLISTXATTR =
      Libc.errnoCall("llistxattr", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
  private static final class LremovexattrHandle {
    static final MethodHandle H =
        Libc.errnoCall("lremovexattr", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  }

  private Xattrs() {}

  /** The value of {@code name}, or empty when the path has no such attribute (ENODATA). */
  public static Optional<byte[]> get(Path path, String name) throws SysException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.captureState(arena);
      MemorySegment cpath = Libc.cPath(arena, path);
      MemorySegment cname = Libc.cString(arena, name);
      while (true) { // the value may grow between sizing and reading: retry on ERANGE
        long size = getxattr(state, cpath, cname, MemorySegment.NULL, 0);
        if (size < 0 && Libc.errno(state) == Errno.ENODATA) {
          return Optional.empty();
        }
        check(size, state, "lgetxattr " + name + " " + path);
        MemorySegment buf = arena.allocate(Math.max(size, 1));
        long read = getxattr(state, cpath, cname, buf, size);
        if (read < 0 && Libc.errno(state) == Errno.ERANGE) {
          continue;
        }
        check(read, state, "lgetxattr " + name + " " + path);
        return Optional.of(buf.asSlice(0, read).toArray(JAVA_BYTE));
      }
    }
  }

  public static void set(Path path, String name, byte[] value) throws SysException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.captureState(arena);
      MemorySegment buf = arena.allocate(Math.max(value.length, 1));
      MemorySegment.copy(value, 0, buf, JAVA_BYTE, 0, value.length);
      int rc;
      try {
        rc =
            (int)
                LsetxattrHandle.H.invokeExact(
                    state,
                    Libc.cPath(arena, path),
                    Libc.cString(arena, name),
                    buf,
                    (long) value.length,
                    0);
      } catch (Throwable t) {
        throw Libc.rethrow(t);
      }
      check(rc, state, "lsetxattr " + name + " " + path);
    }
  }

  /** Attribute names in the order the kernel lists them. */
  public static List<String> list(Path path) throws SysException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.captureState(arena);
      MemorySegment cpath = Libc.cPath(arena, path);
      while (true) {
        long size = listxattr(state, cpath, MemorySegment.NULL, 0);
        check(size, state, "llistxattr " + path);
        if (size == 0) {
          return List.of(); // the common case costs one syscall
        }
        MemorySegment buf = arena.allocate(size);
        long read = listxattr(state, cpath, buf, size);
        if (read < 0 && Libc.errno(state) == Errno.ERANGE) {
          continue;
        }
        check(read, state, "llistxattr " + path);
        return splitNames(buf.asSlice(0, read).toArray(JAVA_BYTE));
      }
    }
  }

  public static void remove(Path path, String name) throws SysException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.captureState(arena);
      int rc;
      try {
        rc =
            (int)
                LremovexattrHandle.H.invokeExact(
                    state, Libc.cPath(arena, path), Libc.cString(arena, name));
      } catch (Throwable t) {
        throw Libc.rethrow(t);
      }
      check(rc, state, "lremovexattr " + name + " " + path);
    }
  }

  private static long getxattr(
      MemorySegment state, MemorySegment path, MemorySegment name, MemorySegment buf, long size) {
    try {
      return (long) LgetxattrHandle.H.invokeExact(state, path, name, buf, size);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  private static long listxattr(
      MemorySegment state, MemorySegment path, MemorySegment buf, long size) {
    try {
      return (long) LLISTXATTR.invokeExact(state, path, buf, size);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  private static List<String> splitNames(byte[] bytes) {
    List<String> names = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        if (i > start) {
          names.add(Libc.decode(java.util.Arrays.copyOfRange(bytes, start, i)));
        }
        start = i + 1;
      }
    }
    return names;
  }

  private static void check(long rc, MemorySegment state, String call) throws SysException {
    if (rc < 0) {
      throw new SysException(call, Libc.errno(state));
    }
  }
}
