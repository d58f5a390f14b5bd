package dev.kiln.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes of a blob to push. It must be re-readable: retries and chunked uploads open it again at
 * an offset. Implementations are thread-safe if the same source is pushed concurrently.
 */
public interface BlobSource {
  /** A fresh stream positioned at {@code offset}; the client closes it. */
  InputStream openAt(long offset) throws IOException;

  static BlobSource of(byte[] bytes) {
    return offset -> {
      var in = new ByteArrayInputStream(bytes);
      in.skipNBytes(offset);
      return in;
    };
  }

  static BlobSource of(Path file) {
    return offset -> {
      InputStream in = Files.newInputStream(file);
      in.skipNBytes(offset);
      return in;
    };
  }
}
