package dev.kiln.llb.frontend;

import dev.kiln.llb.Digest;

/**
 * The result of {@link ImageMetaResolver#resolve}.
 *
 * @param ref the reference that was resolved, possibly rewritten (e.g. by a mirror), or the input
 * @param digest the manifest digest to pin the reference to, or null when unknown
 * @param config the image config JSON exactly as stored in the registry
 */
public record ResolvedImage(String ref, Digest digest, byte[] config) {
  public ResolvedImage {
    config = config.clone();
  }

  @Override
  public byte[] config() {
    return config.clone();
  }
}
