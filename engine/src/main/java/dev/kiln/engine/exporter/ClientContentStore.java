package dev.kiln.engine.exporter;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A content store on the client's side of the build's session ({@code type=oci,tar=false} outputs,
 * {@code type=local} caches): blobs only, by digest; the client writes its {@code index.json} itself.
 * The engine reads and writes it blob by blob and never opens the client's directory.
 * Implementations are thread-safe.
 */
public interface ClientContentStore {
  /** The blob's size, or empty when the store lacks it. */
  Optional<Long> size(Digest digest) throws IOException;

  /** The whole blob; the caller closes the stream. */
  InputStream open(Digest digest) throws IOException;

  /**
   * Stores a blob unless the store has it; {@code data} is opened only when the bytes are needed.
   *
   * @param ref names the write while in progress ({@code layer-sha256:…}, as containerd's remotes do)
   */
  void write(String ref, Descriptor blob, BlobData data) throws IOException;

  /** A blob's bytes, opened on demand. */
  @FunctionalInterface
  interface BlobData {
    InputStream open() throws IOException;
  }

  /** containerd's {@code remotes.MakeRefKey}: the kind of blob by media type, then its digest. */
  static String refKey(Descriptor blob) {
    String type = blob.mediaType();
    String kind = type.contains("index") || type.contains("manifest.list") ? "index"
        : type.contains("manifest") ? "manifest"
        : type.contains("layer") || type.contains("rootfs") ? "layer"
        : type.contains("config") ? "config"
        : "unknown";
    return kind + "-" + blob.digest().value();
  }
}
