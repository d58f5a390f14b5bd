package dev.kiln.engine.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Raw deflate from the system's zlib ({@code libz.so.1}), one stream per instance. The JDK carries
 * its own zlib build, which deflated the export benchmark's data 12–14% slower in CPU time than
 * the system's (the one pigz uses), with the same output size. Not thread-safe: one per thread.
 */
@SuppressWarnings("restricted")
public final class ZlibDeflate implements AutoCloseable {
  private static final int Z_SYNC_FLUSH = 2;
  private static final int Z_FINISH = 4;
  private static final int Z_STREAM_END = 1;
  /** {@code sizeof(z_stream)} on LP64 Linux, which deflateInit2_ checks. */
  private static final int Z_STREAM_SIZE = 112;
  private static final long NEXT_IN = 0;
  private static final long AVAIL_IN = 8;
  private static final long NEXT_OUT = 24;
  private static final long AVAIL_OUT = 32;

  /** The linked calls, or empty when the system has no usable zlib. */
  private record Calls(MethodHandle init, MethodHandle deflate, MethodHandle reset, MethodHandle setDictionary,
      MethodHandle end, MemorySegment version) {}

  private static final Optional<Calls> CALLS = link();

  private final Arena arena = Arena.ofShared();
  private final Calls calls;
  private final MemorySegment stream;
  private MemorySegment in = MemorySegment.NULL;
  private MemorySegment out = MemorySegment.NULL;

  private ZlibDeflate(Calls calls, int level) {
    this.calls = calls;
    this.stream = arena.allocate(Z_STREAM_SIZE, 8); // zeroed: default allocators, no opaque
    int rc;
    try {
      // method 8 (deflate), window -15 (raw: no zlib header), memLevel 8, default strategy: as java.util.zip
      rc = (int) calls.init().invokeExact(stream, level, 8, -15, 8, 0, calls.version(), Z_STREAM_SIZE);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    if (rc != 0) {
      arena.close();
      throw new IllegalStateException("deflateInit2 failed: " + rc);
    }
  }

  /** A raw deflate stream at {@code level}, or empty when the system's zlib cannot be used. */
  public static Optional<ZlibDeflate> open(int level) {
    return CALLS.map(c -> new ZlibDeflate(c, level));
  }

  /**
   * The version of the system's zlib that {@link #open} uses ({@code "1.3"}), or empty when it
   * cannot be used. Another zlib may deflate the same input to other (equally valid) bytes.
   */
  public static Optional<String> version() {
    return CALLS.map(c -> c.version().getString(0));
  }

  private static Optional<Calls> link() {
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup z = SymbolLookup.libraryLookup("libz.so.1", Arena.global());
      MethodHandle version = linker.downcallHandle(z.find("zlibVersion").orElseThrow(), FunctionDescriptor.of(ADDRESS));
      MemorySegment v = ((MemorySegment) version.invokeExact()).reinterpret(64);
      if (!v.getString(0).startsWith("1.")) return Optional.empty();
      return Optional.of(new Calls(
          linker.downcallHandle(z.find("deflateInit2_").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS,
              JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT)),
          linker.downcallHandle(z.find("deflate").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
          linker.downcallHandle(z.find("deflateReset").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          linker.downcallHandle(z.find("deflateSetDictionary").orElseThrow(),
              FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
          linker.downcallHandle(z.find("deflateEnd").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          v));
    } catch (Throwable t) { // no libz.so.1, no native access: java.util.zip does the work
      return Optional.empty();
    }
  }

  /** Starts a new raw stream with the same level. */
  public void reset() {
    try {
      check("deflateReset", (int) calls.reset().invokeExact(stream));
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  public void setDictionary(byte[] dict, int off, int len) {
    MemorySegment d = input(len);
    MemorySegment.copy(dict, off, d, JAVA_BYTE, 0, len);
    try {
      check("deflateSetDictionary", (int) calls.setDictionary().invokeExact(stream, d, len));
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /**
   * Deflates all of {@code input[off, off+len)} and ends with a sync flush (or, with {@code finish},
   * the final block) into {@code output}, which must have room (input size + 1/64 + 1 KiB does).
   *
   * @return the number of bytes written to {@code output}
   */
  public int deflate(byte[] input, int off, int len, byte[] output, boolean finish) {
    MemorySegment src = input(len);
    MemorySegment.copy(input, off, src, JAVA_BYTE, 0, len);
    if (out.byteSize() < output.length) out = arena.allocate(output.length);
    stream.set(ADDRESS, NEXT_IN, src);
    stream.set(JAVA_INT, AVAIL_IN, len);
    stream.set(ADDRESS, NEXT_OUT, out);
    stream.set(JAVA_INT, AVAIL_OUT, output.length);
    int rc;
    try {
      rc = (int) calls.deflate().invokeExact(stream, finish ? Z_FINISH : Z_SYNC_FLUSH);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
    int written = output.length - stream.get(JAVA_INT, AVAIL_OUT);
    if (finish ? rc != Z_STREAM_END : rc != 0 || stream.get(JAVA_INT, AVAIL_IN) != 0 || written == output.length) {
      throw new IllegalStateException("deflate did not complete (" + rc + "): output buffer of " + output.length + " bytes");
    }
    MemorySegment.copy(out, JAVA_BYTE, 0, output, 0, written);
    return written;
  }

  private MemorySegment input(long len) {
    if (in.byteSize() < len) in = arena.allocate(Math.max(len, 32 << 10));
    return in;
  }

  private static void check(String call, int rc) {
    if (rc != 0) throw new IllegalStateException(call + " failed: " + rc);
  }

  /** Frees zlib's state and the buffers. */
  @Override
  public void close() {
    try {
      int ignored = (int) calls.end().invokeExact(stream);
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    } finally {
      arena.close();
    }
  }
}
