package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.llb.Digest;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Streams changes through tar, the compressor and two SHA-256s at once — the diffID over the
 * tar, the blob digest over the compressed bytes — into a temp file, then into the content store.
 */
final class LayerWriter {
  private LayerWriter() {}

  static LayerBlob write(List<Change> changes, LayerOptions options, ContentStore content, Path tmpDir)
      throws IOException {
    Files.createDirectories(tmpDir);
    Path tmp = Files.createTempFile(tmpDir, "layer-", ".tmp");
    try {
      MessageDigest blobSha = sha256();
      MessageDigest tarSha = sha256();
      Counting counted;
      try (OutputStream file = Files.newOutputStream(tmp)) {
        counted = new Counting(new DigestOutputStream(file, blobSha));
        try (OutputStream compressed = options.compression().compress(counted, options.level());
            OutputStream tar = new BufferedOutputStream(new DigestOutputStream(compressed, tarSha), 1 << 16)) {
          LayerTar.write(changes, tar, options.clampMtime());
        }
      }
      Digest digest = digest(blobSha);
      try (InputStream in = Files.newInputStream(tmp)) {
        content.write(in, digest, counted.count);
      }
      String mediaType = options.compression().mediaType(true);
      return new LayerBlob(new Descriptor(mediaType, digest, counted.count), digest(tarSha));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  private static Digest digest(MessageDigest sha) {
    return new Digest("sha256:" + HexFormat.of().formatHex(sha.digest()));
  }

  /** Counts the compressed bytes; writes through in bulk (FilterOutputStream alone goes byte by byte). */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
