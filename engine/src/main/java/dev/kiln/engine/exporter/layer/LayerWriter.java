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
 * A {@link LayerSink} may take a copy of the compressed bytes in the same pass.
 */
final class LayerWriter {
  private LayerWriter() {}

  static LayerBlob write(List<Change> changes, LayerOptions options, ContentStore content)
      throws IOException {
    return write(changes, options, content, LayerSink.NONE, ChunkReuse.off());
  }

  /**
   * @param reuse gzip chunks to copy from earlier blobs; this blob's chunks are recorded in it
   *     once the blob is published (never before: a crash leaves no row naming a missing blob)
   */
  static LayerBlob write(List<Change> changes, LayerOptions options, ContentStore content, LayerSink sink,
      ChunkReuse reuse) throws IOException {
    MessageDigest tarSha = sha256();
    Ingest ingest = content.ingest("layer-" + UUID.randomUUID());
    try (ingest) {
      Counting counted = new Counting(new IngestStream(ingest, sink.beginNew()));
      try (OutputStream compressed = options.compression().compress(counted, options.level(), tarSha, reuse);
          OutputStream tar = new BufferedOutputStream(compressed, 1 << 16)) {
        LayerTar.write(changes, tar, options.clampMtime(), boundaries(tar, compressed));
      }
      Digest digest = ingest.commit(null, counted.count); // the ingest hashes what it stores
      String mediaType = options.compression().mediaType(true);
      LayerBlob layer = new LayerBlob(new Descriptor(mediaType, digest, counted.count), digest(tarSha));
      reuse.publish(digest);
      sink.endNew(layer.blob());
      return layer;
    } catch (IOException | RuntimeException e) {
      ingest.abort();
      sink.abortNew();
      throw e;
    }
  }

  /** gzip cuts its chunks at tar entries: everything before the entry must have reached it. */
  private static LayerTar.EntryBoundary boundaries(OutputStream buffered, OutputStream compressed) {
    if (!(compressed instanceof ParallelGzip gzip)) return LayerTar.EntryBoundary.NONE;
    return () -> {
      buffered.flush();
      gzip.entryBoundary();
    };
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  private static Digest digest(MessageDigest sha) {
    return new Digest("sha256:" + HexFormat.of().formatHex(sha.digest()));
  }

  /**
   * The compressed bytes go straight into the store's ingest (no temp file to copy again) and, when
   * a sink asked for them, to its stream (which is not closed here).
   */
  private static final class IngestStream extends OutputStream {
    private final Ingest ingest;
    private final OutputStream copy;

    IngestStream(Ingest ingest, OutputStream copy) {
      this.ingest = ingest;
      this.copy = copy;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      ingest.write(b, off, len);
      if (copy != null) copy.write(b, off, len);
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
