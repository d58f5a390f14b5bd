package dev.kiln.engine.image;

import dev.kiln.registry.BlobSink;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.RegistryClient;
import java.io.IOException;

/**
 * The blobs of one registry repository, through the registry client, which checks size and
 * digest of every download before it commits; each blob's origin is recorded in {@code sources},
 * so a later push to that registry mounts it instead of uploading it.
 */
public record RegistryBlobs(RegistryClient client, ImageRef repository, BlobSources sources) implements BlobFetcher {
  @Override
  public void fetch(Descriptor blob, BlobSink sink) throws IOException {
    client.fetchBlob(repository, blob, sink);
    sources.record(Digests.of(blob.digest()), repository.name());
  }

  @Override
  public boolean verifiesDigests() {
    return true;
  }
}
