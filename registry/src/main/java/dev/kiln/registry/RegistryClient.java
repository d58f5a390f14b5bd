package dev.kiln.registry;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The OCI distribution API as the engine uses it. Implementations are thread-safe: callers run
 * parallel layer downloads/uploads on their own (virtual) threads against one client. All methods
 * block; every failure is a {@link RegistryException} except I/O errors of the caller's sink or
 * source, which propagate as they are.
 */
public interface RegistryClient {
  /** The descriptor a tag or digest points at ({@code HEAD}, falling back to {@code GET}). */
  Descriptor head(ImageRef ref) throws RegistryException;

  /** The manifest or index {@code ref} names, verified against its digest. */
  ResolvedManifest resolve(ImageRef ref) throws RegistryException;

  /**
   * The image manifest for {@code platform}: if {@code ref} names an index, picks the best entry
   * (containerd's matcher: amd64/v3 accepts v2, v1, 386; arm/v7 accepts v6, v5; arm64 accepts
   * arm/v8…) and fetches it. A plain manifest is returned as is.
   */
  ResolvedManifest resolve(ImageRef ref, Platform platform) throws RegistryException;

  /**
   * Streams a blob into {@code sink}, resuming with {@code Range} after interruptions, and
   * verifies its size and digest; on mismatch the sink is discarded and {@link
   * RegistryException.DigestMismatch} is thrown. Manifests by digest can be fetched here too.
   */
  void fetchBlob(ImageRef repository, Descriptor blob, BlobSink sink) throws IOException;

  /** Whether {@code repository} has the blob ({@code HEAD /v2/<name>/blobs/<digest>}). */
  boolean blobExists(ImageRef repository, Digest digest) throws RegistryException;

  /**
   * Makes {@code blob} present in {@code repository}: skips it if present, else mounts it from
   * {@code mountFrom} (same registry) when given and possible, else uploads it from {@code
   * source} (monolithic up to the chunk size, chunked above).
   */
  PushResult pushBlob(
      ImageRef repository, Descriptor blob, BlobSource source, Optional<ImageRef> mountFrom)
      throws IOException;

  /** Stores a manifest or index under {@code ref}'s tag (or digest); returns its descriptor. */
  Descriptor pushManifest(ImageRef ref, String mediaType, byte[] manifest) throws RegistryException;

  /** All tags of the repository, following {@code Link} pagination. */
  List<String> listTags(ImageRef repository) throws RegistryException;
}
