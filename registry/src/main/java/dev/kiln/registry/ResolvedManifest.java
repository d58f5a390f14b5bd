package dev.kiln.registry;

import java.util.Arrays;
import java.util.Objects;

/**
 * A manifest or index fetched from a registry, with its verified descriptor and its exact bytes
 * (a manifest's digest is the hash of these bytes, so they are never re-serialised).
 */
public record ResolvedManifest(ImageRef ref, Descriptor descriptor, byte[] bytes) {
  public ResolvedManifest {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(descriptor, "descriptor");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public boolean isIndex() {
    return MediaTypes.isIndex(descriptor.mediaType());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResolvedManifest m
        && ref.equals(m.ref)
        && descriptor.equals(m.descriptor)
        && Arrays.equals(bytes, m.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ref, descriptor, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "ResolvedManifest[" + ref + ", " + descriptor + "]";
  }
}
