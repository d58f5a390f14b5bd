package dev.kiln.engine.exporter.layer;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.content.Ingest;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.llb.Digest;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Streams changes through tar, a SHA-256 of the tar (the diffID) and the compressor straight into
 * a content store ingest, which hashes the compressed bytes (the blob digest): one pass, no temp file.
 */
final class LayerWriter {
  private LayerWriter() {}

  static LayerBlob write(List<Change> changes, LayerOptions options, ContentStore content)
      throws IOException {
    MessageDigest tarSha = sha256();
    Ingest ingest = content.ingest("layer-" + UUID.randomUUID());
    try (ingest) {
      Counting counted = new Counting(new IngestStream(ingest));
      try (OutputStream compressed = options.compression().compress(counted, options.level(), tarSha);
          OutputStream tar = new BufferedOutputStream(compressed, 1 << 16)) {
        LayerTar.write(changes, tar, options.clampMtime());
      }
      Digest digest = ingest.commit(null, counted.count); // the ingest hashes what it stores
      String mediaType = options.compression().mediaType(true);
      return new LayerBlob(new Descriptor(mediaType, digest, counted.count), digest(tarSha));
    } catch (IOException | RuntimeException e) {
      ingest.abort();
      throw e;
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

  /** The compressed bytes go straight into the store's ingest: no temp file to copy again. */
  private static final class IngestStream extends OutputStream {
    private final Ingest ingest;

    IngestStream(Ingest ingest) {
      this.ingest = ingest;
    }

    @Override
    public void write(int b) throws IOException {
      ingest.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ingest.write(b, off, len);
    }
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
