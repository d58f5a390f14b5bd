package dev.kiln.engine.image;

import dev.kiln.llb.Digest;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.manifest.ImageManifest;
import dev.kiln.registry.manifest.Manifests;
import dev.kiln.solver.CacheMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An image reference resolved to immutable content.
 *
 * @param name the image as users know it, for messages ({@code docker.io/library/busybox:latest})
 * @param top the digest the name points at (an index for multi-platform images): what frontends pin
 * @param manifest the platform's image manifest chosen from {@code top}
 * @param manifestBytes its exact bytes
 */
public record PinnedImage(String name, Digest top, Descriptor manifest, byte[] manifestBytes) {
  public PinnedImage {
    manifestBytes = manifestBytes.clone();
  }

  @Override
  public byte[] manifestBytes() {
    return manifestBytes.clone();
  }

  public ImageManifest parsed() throws IOException {
    return Manifests.parseManifest(manifestBytes);
  }

  /**
   * The cache map of a source op producing this image. The manifest digest pins config and every
   * layer, so it alone (with the layer limit) decides the result: the same image reached through a
   * tag, a digest or an OCI layout is one cache entry, and a cache hit needs no layer at all.
   */
  public CacheMap cacheMap(int layerLimit) {
    String recipe = "kiln.image.v0\n" + manifest.digest() + "\n" + layerLimit;
    return CacheMap.of(Digest.of(recipe.getBytes(StandardCharsets.UTF_8)).value(), 0);
  }
}
