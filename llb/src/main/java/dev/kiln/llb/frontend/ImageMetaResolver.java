package dev.kiln.llb.frontend;

import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.Platform;
import java.io.IOException;

/**
 * Looks up an image's manifest digest and config, so a frontend can pin {@code FROM} references
 * and inherit the base image's env, user, working dir and command. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface ImageMetaResolver {
  /**
   * Resolves {@code ref} (as written, e.g. {@code busybox} or {@code localhost:5000/app:1}) for
   * {@code platform}.
   *
   * @throws IOException when the registry cannot be reached or the image does not exist
   */
  ResolvedImage resolve(String ref, Platform platform, ResolveMode mode) throws IOException;

  /**
   * Resolves {@code ref} (a name pinned to a digest) in the client-side OCI layout store
   * {@code storeId} of session {@code sessionId}, for {@code platform} (null: the default), as
   * named contexts {@code oci-layout://…} need. Resolvers without access to client stores keep
   * this default, which fails.
   *
   * @throws IOException when the store or the image cannot be read
   */
  default ResolvedImage resolveOciLayout(String ref, String sessionId, String storeId, Platform platform)
      throws IOException {
    throw new IOException("oci-layout contexts are not supported here: cannot read store " + storeId);
  }
}
