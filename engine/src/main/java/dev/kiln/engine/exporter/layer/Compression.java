package dev.kiln.engine.exporter.layer;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/** Layer blob compressions ({@code compression=}) and their media types. */
public enum Compression {
  UNCOMPRESSED("uncompressed", 0),
  GZIP("gzip", 6),
  ZSTD("zstd", 3);

  private final String id;
  private final int defaultLevel;

  Compression(String id, int defaultLevel) {
    this.id = id;
    this.defaultLevel = defaultLevel;
  }

  /** The attribute value ({@code gzip}, …). */
  public String id() {
    return id;
  }

  public int defaultLevel() {
    return defaultLevel;
  }

  /** Valid levels: gzip 0–9, zstd 1–22 (BuildKit maps its levels the same way). */
  public boolean acceptsLevel(int level) {
    return switch (this) {
      case UNCOMPRESSED -> true;
      case GZIP -> level >= 0 && level <= 9;
      case ZSTD -> level >= 1 && level <= 22;
    };
  }

  /** zstd has no Docker media type: like BuildKit, it is always an OCI layer. */
  public String mediaType(boolean oci) {
    return switch (this) {
      case UNCOMPRESSED -> oci ? "application/vnd.oci.image.layer.v1.tar" : "application/vnd.docker.image.rootfs.diff.tar";
      case GZIP -> oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip";
      case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
    };
  }

  /**
   * Wraps {@code out}; closing the result finishes the stream and closes {@code out}. Every byte
   * written also goes into {@code uncompressed} (gzip hashes on its own pipeline thread). gzip
   * copies the chunks {@code reuse} finds instead of deflating them; the others ignore it.
   */
  OutputStream compress(OutputStream out, int level, MessageDigest uncompressed, ChunkReuse reuse) throws IOException {
    return switch (this) {
      case UNCOMPRESSED -> new DigestOutputStream(out, uncompressed);
      case GZIP -> new ParallelGzip(out, level, uncompressed, reuse);
      case ZSTD -> new DigestOutputStream(new ZstdOutputStream(out, level), uncompressed);
    };
  }

  public static Compression parse(String id) {
    for (Compression c : values()) {
      if (c.id.equals(id)) return c;
    }
    throw new IllegalArgumentException("unknown compression '" + id + "': use uncompressed, gzip or zstd");
  }
}
