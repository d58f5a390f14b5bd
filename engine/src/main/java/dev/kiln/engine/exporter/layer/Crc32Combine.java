package dev.kiln.engine.exporter.layer;

/**
 * zlib's {@code crc32_combine}: the CRC-32 of A followed by B from crc(A), crc(B) and len(B), so
 * each compression chunk's CRC can be computed on the thread that deflates it. Works over GF(2):
 * appending n zero bits to A is a linear map, applied by repeated squaring of its matrix.
 */
final class Crc32Combine {
  private static final int POLY = 0xedb88320;

  private Crc32Combine() {}

  static long combine(long crc1, long crc2, long len2) {
    if (len2 <= 0) return crc1;
    int[] even = new int[32];
    int[] odd = new int[32];
    odd[0] = POLY; // the operator for one zero bit
    for (int n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
    square(even, odd); // two zero bits
    square(odd, even); // four zero bits
    int c1 = (int) crc1;
    do {
      square(even, odd); // first pass: one zero byte
      if ((len2 & 1) != 0) c1 = times(even, c1);
      len2 >>= 1;
      if (len2 == 0) break;
      square(odd, even);
      if ((len2 & 1) != 0) c1 = times(odd, c1);
      len2 >>= 1;
    } while (len2 != 0);
    return (c1 ^ (int) crc2) & 0xffffffffL;
  }

  private static int times(int[] mat, int vec) {
    int sum = 0;
    for (int i = 0; vec != 0; i++, vec >>>= 1) {
      if ((vec & 1) != 0) sum ^= mat[i];
    }
    return sum;
  }

  private static void square(int[] square, int[] mat) {
    for (int n = 0; n < 32; n++) square[n] = times(mat, mat[n]);
  }
}
