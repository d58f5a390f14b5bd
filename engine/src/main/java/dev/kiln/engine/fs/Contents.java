package dev.kiln.engine.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Byte-for-byte comparison of two regular files. */
public final class Contents {
  private Contents() {}

  public static boolean equal(Path a, Path b) throws IOException {
    try (InputStream ia = Files.newInputStream(a); InputStream ib = Files.newInputStream(b)) {
      byte[] ba = new byte[1 << 16];
      byte[] bb = new byte[1 << 16];
      while (true) {
        int na = ia.readNBytes(ba, 0, ba.length);
        int nb = ib.readNBytes(bb, 0, bb.length);
        if (na != nb || !Arrays.equals(ba, 0, na, bb, 0, nb)) return false;
        if (na == 0) return true;
      }
    }
  }
}
