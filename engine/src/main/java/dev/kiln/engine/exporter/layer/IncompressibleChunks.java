package dev.kiln.engine.exporter.layer;

/**
 * Whether a {@link ParallelGzip} chunk is worth deflating. zlib spends as long on random or
 * already-compressed bytes as on text (≈ 35 MB/s at level 6 on this machine's cores) only to emit
 * them a little larger; such chunks are written as stored blocks instead, as pigz-like compressors
 * with an incompressible-data check do. The decision is a pure function of the chunk, so the output
 * stays one for the input: a few windows spread over the chunk must look random byte by byte
 * (order-0 entropy, cheap: text, code and most binaries fail it at once) and must also not shrink
 * when deflated at level 1 (which catches high-entropy patterns LZ77 still compresses, like counting
 * bytes). A chunk that is random where sampled and compressible elsewhere loses that chunk's
 * compression, never correctness.
 */
final class IncompressibleChunks {
  /** Smaller chunks are deflated whatever they hold: the saving would not pay for the test. */
  static final int MIN_LENGTH = 128 << 10;
  private static final int WINDOWS = 4;
  private static final int WINDOW = 16 << 10;
  /** Bits per byte: uniform random 64 KiB measures ≈ 7.997, English text ≈ 4.5, x86 code ≈ 6. */
  private static final double MIN_ENTROPY = 7.9;
  /** Level 1's output over its input at which deflating is not worth it. */
  private static final double MIN_RATIO = 0.98;

  private IncompressibleChunks() {}

  /**
   * @param input the chunk: its first {@code length} bytes
   * @param deflatedLength the deflated size at level 1 of {@code input[off, off+len)} (a fresh raw
   *     stream, no dictionary); called only for chunks that pass the entropy test
   */
  static boolean test(byte[] input, int length, SampleDeflater deflatedLength) {
    if (length < MIN_LENGTH) return false;
    int stride = (length - WINDOW) / (WINDOWS - 1);
    int[] counts = new int[256];
    for (int w = 0; w < WINDOWS; w++) {
      int start = w * stride;
      for (int i = start; i < start + WINDOW; i++) counts[input[i] & 0xff]++;
    }
    if (entropy(counts, WINDOWS * WINDOW) < MIN_ENTROPY) return false;
    long deflated = 0;
    for (int w = 0; w < WINDOWS; w++) deflated += deflatedLength.deflatedLength(input, w * stride, WINDOW);
    return deflated >= MIN_RATIO * WINDOWS * WINDOW;
  }

  /** Level-1 raw deflate of a window, as the chunk's compressor would run it. */
  @FunctionalInterface
  interface SampleDeflater {
    int deflatedLength(byte[] input, int off, int len);
  }

  private static double entropy(int[] counts, int total) {
    double bits = 0;
    for (int c : counts) {
      if (c == 0) continue;
      double p = (double) c / total;
      bits -= p * Math.log(p);
    }
    return bits / Math.log(2);
  }
}
