package dev.kiln.engine.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * Downcall plumbing shared by the syscall wrappers: symbol lookup, errno capture, C strings.
 * Linking and reinterpreting are "restricted" FFM operations: this package is where Kiln
 * accepts them (the JVM runs with --enable-native-access).
 */
@SuppressWarnings("restricted")
final class Libc {
  static final int AT_FDCWD = -100;
  static final int AT_SYMLINK_NOFOLLOW = 0x100;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO = CAPTURE.varHandle(PathElement.groupElement("errno"));
  // Linked on first use: only errors need it.
  private static final class StrerrorHandle {
    static final MethodHandle H =
        LINKER.downcallHandle(
            LOOKUP.find("strerror").orElseThrow(),
            FunctionDescriptor.of(java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_INT));
  }

  /**
   * File names are bytes on Linux; encode them exactly as the JDK does for {@link Path}, so a
   * name created through java.nio and one passed to a syscall are the same bytes.
   */
  private static final Charset PATH_CHARSET =
      Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

  /**
   * Per-thread native scratch memory for the small calls (a path, a stat buffer, errno): the
   * copy and checksum walks make several calls per file, and a malloc'ing arena per call was a
   * measurable share of their time. Calls never nest, so each may reuse it from the start.
   */
  static final long SCRATCH_SIZE = 16 * 1024;

  private static final ThreadLocal<MemorySegment> SCRATCH =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(SCRATCH_SIZE, 16));

  private Libc() {}

  /** An allocator over this thread's scratch memory, valid until the thread's next call. */
  static SegmentAllocator scratch() {
    return SegmentAllocator.slicingAllocator(SCRATCH.get());
  }

  /** A handle to {@code name} that records errno in a leading capture-state segment argument. */
  static MethodHandle errnoCall(String name, FunctionDescriptor descriptor) {
    MemorySegment symbol =
        LOOKUP.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
  }

  static MemorySegment captureState(SegmentAllocator arena) {
    return arena.allocate(CAPTURE);
  }

  static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  static MemorySegment cPath(SegmentAllocator arena, Path path) {
    return arena.allocateFrom(path.toString(), PATH_CHARSET);
  }

  static MemorySegment cString(SegmentAllocator arena, String s) {
    return arena.allocateFrom(s, PATH_CHARSET);
  }

  static String decode(byte[] bytes) {
    return new String(bytes, PATH_CHARSET);
  }

  static String strerror(int errno) {
    try {
      MemorySegment text = (MemorySegment) StrerrorHandle.H.invokeExact(errno);
      return text.reinterpret(1024).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  /** invokeExact declares Throwable; a downcall only throws what the JVM itself throws. */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("native call failed", t);
  }
}
