package dev.kiln.engine.image.unpack;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Opens a layer blob as its uncompressed tar. The format is taken from the blob's first bytes, not
 * its media type: registries and old tools mislabel layers (a {@code .tar} media type holding
 * gzip is common), and the magic numbers cannot lie.
 */
public final class Decompression {
  private static final int BUFFER = 256 << 10;

  private Decompression() {}

  /** The uncompressed stream of {@code blob} (gzip, zstd or plain tar); closing it closes {@code blob}. */
  public static InputStream open(InputStream blob) throws IOException {
    BufferedInputStream in = new BufferedInputStream(blob, BUFFER);
    try {
      in.mark(4);
      byte[] magic = in.readNBytes(4);
      in.reset();
      if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        return new GZIPInputStream(in, BUFFER); // also reads concatenated members, as pigz writes
      }
      if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
          && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
        return new BufferedInputStream(new ZstdInputStream(in), BUFFER);
      }
      return in;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }
}
