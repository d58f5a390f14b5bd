package dev.kiln.engine.source.image;

import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.image.BlobFetcher;
import dev.kiln.engine.image.BlobSources;
import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.engine.image.Digests;
import dev.kiln.engine.image.ImageNames;
import dev.kiln.engine.image.ManifestSelector;
import dev.kiln.engine.image.PinnedImage;
import dev.kiln.engine.image.RegistryBlobs;
import dev.kiln.llb.Digest;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.ImageRef;
import dev.kiln.registry.Platform;
import dev.kiln.registry.RegistryClient;
import dev.kiln.registry.ResolvedManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Resolves registry image names to pinned manifests without touching layers. Manifests and
 * indexes are kept in the content store, so a name pinned by digest resolves offline once seen;
 * a tag asks the registry (one {@code HEAD}) unless the mode is {@code local} and the name was
 * resolved before. Thread-safe.
 */
public final class RegistryResolver {
  private final RegistryClient client;
  private final ContentFetcher fetcher;
  private final ImageNames names;
  private final BlobSources sources;

  public RegistryResolver(RegistryClient client, ContentFetcher fetcher, ImageNames names, BlobSources sources) {
    this.client = client;
    this.fetcher = fetcher;
    this.names = names;
    this.sources = sources;
  }

  public PinnedImage resolve(String name, Platform platform, ResolveMode mode) throws IOException {
    ImageRef ref = ImageRef.parse(name);
    Digest top = topDigest(ref, mode);
    byte[] topBytes = manifest(ref, top);
    Descriptor topDescriptor = new Descriptor("", Digests.toRegistry(top), topBytes.length);
    ManifestSelector.Selected chosen = ManifestSelector.select(ref.toString(), topDescriptor, topBytes, platform,
        d -> manifest(ref, Digests.of(d.digest())));
    return new PinnedImage(ref.toString(), top, chosen.descriptor(), chosen.bytes());
  }

  /** The image config, fetched into the content store if needed. */
  public byte[] config(PinnedImage image) throws IOException {
    return fetcher.bytes(image.parsed().config(), blobs(image));
  }

  /** Fetches blobs of {@code image}'s repository, remembering where each came from (for pushes). */
  public BlobFetcher blobs(PinnedImage image) {
    return new RegistryBlobs(client, ImageRef.parse(image.name()), sources);
  }

  private Digest topDigest(ImageRef ref, ResolveMode mode) throws IOException {
    if (ref.digest().isPresent()) {
      return Digests.of(ref.digest().get());
    }
    String name = ref.toString();
    if (mode == ResolveMode.PREFER_LOCAL) {
      Optional<Digest> known = names.find(name);
      if (known.isPresent() && fetcher.store().exists(known.get())) {
        return known.get();
      }
    }
    // HEAD /v2/<name>/manifests/<tag> → Docker-Content-Digest
    Digest digest = Digests.of(client.head(ref).digest());
    names.record(name, digest);
    return digest;
  }

  /** A manifest or index by digest: from the content store, else fetched (verified) and stored. */
  private byte[] manifest(ImageRef ref, Digest digest) throws IOException {
    ContentStore store = fetcher.store();
    if (!store.exists(digest)) {
      ResolvedManifest m = client.resolve(ref.at(Digests.toRegistry(digest)));
      byte[] bytes = m.bytes();
      store.write(new ByteArrayInputStream(bytes), digest, bytes.length);
    }
    try (InputStream in = store.open(digest)) {
      return in.readAllBytes();
    }
  }
}
