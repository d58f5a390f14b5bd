package dev.kiln.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * A content descriptor: what a manifest says about a blob or a child manifest. {@code platform} is
 * set only for entries of an image index.
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform) {
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(platform, "platform");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + digest);
    }
  }

  public Descriptor(String mediaType, Digest digest, long size) {
    this(mediaType, digest, size, Optional.empty());
  }

  /** The descriptor of {@code bytes} under {@code mediaType}, digested with sha256. */
  public static Descriptor of(String mediaType, byte[] bytes) {
    return new Descriptor(mediaType, Digest.sha256(bytes), bytes.length);
  }
}
