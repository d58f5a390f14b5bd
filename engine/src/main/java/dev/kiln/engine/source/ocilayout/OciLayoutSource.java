package dev.kiln.engine.source.ocilayout;

import dev.kiln.engine.image.ContentFetcher;
import dev.kiln.engine.image.Digests;
import dev.kiln.engine.image.ImageUnpacker;
import dev.kiln.engine.image.ManifestSelector;
import dev.kiln.engine.image.PinnedImage;
import dev.kiln.engine.source.Source;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Digest;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code oci-layout://NAME@sha256:…} (or {@code NAME:TAG}): an image from an OCI image layout
 * directory the caller supplies under the store name (attr {@code oci.store}, else {@code NAME}).
 * Blobs are copied into the content store and unpacked exactly like a registry image's, so an
 * image seen both ways is one cache entry and one set of layer snapshots.
 */
public final class OciLayoutSource implements Source {
  private final ContentFetcher fetcher;
  private final ImageUnpacker unpacker;
  private final SnapshotRefs refs;

  public OciLayoutSource(ContentFetcher fetcher, ImageUnpacker unpacker, SnapshotRefs refs) {
    this.fetcher = fetcher;
    this.unpacker = unpacker;
    this.refs = refs;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("oci-layout");
  }

  @Override
  public CacheMap cacheMap(OpContext ctx, SourceRequest request) throws Exception {
    LayoutRef ref = LayoutRef.parse(request.rest());
    return pin(ref, layout(request, ref), request).cacheMap(layerLimit(request));
  }

  @Override
  public Result exec(OpContext ctx, SourceRequest request) throws Exception {
    LayoutRef ref = LayoutRef.parse(request.rest());
    OciLayout layout = layout(request, ref);
    PinnedImage image = pin(ref, layout, request);
    try {
      byte[] config = fetcher.bytes(image.parsed().config(), layout.fetcher());
      return refs.result(unpacker.unpack(ctx, image.parsed(), config, layout.fetcher(), layerLimit(request)));
    } catch (IOException e) {
      throw new IOException("failed to unpack " + request.identifier() + ": " + e.getMessage(), e);
    }
  }

  /** Pinned by digest, the layout's content cannot change between keying and exec: no state is kept. */
  private PinnedImage pin(LayoutRef ref, OciLayout layout, SourceRequest request) throws IOException {
    try {
      PinnedImage image = select(ref, layout, request.identifier(), request.platform());
      storeManifest(new ManifestSelector.Selected(image.manifest(), image.manifestBytes()));
      return image;
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("failed to resolve source metadata for " + request.identifier() + ": " + e.getMessage(), e);
    }
  }

  /** The manifest of {@code ref} in {@code layout} for {@code platform} (null: the default). */
  private static PinnedImage select(LayoutRef ref, OciLayout layout, String identifier, dev.kiln.llb.Platform platform)
      throws IOException {
    Descriptor top = ref.digest() != null ? layout.describe(ref.digest())
        : layout.tagged(ref.tag()).orElseThrow(() -> new IOException("no image tagged \"" + ref.tag() + "\" in " + layout.dir()));
    ManifestSelector.Selected chosen = ManifestSelector.select(identifier, top, layout.read(top),
        ManifestSelector.platform(platform), layout::read);
    return new PinnedImage(identifier, Digests.of(top.digest()), chosen.descriptor(), chosen.bytes());
  }

  /**
   * The image config of {@code ref} ({@code NAME@sha256:…} or {@code NAME:TAG}) in the OCI layout
   * at {@code dir}, for frontends resolving {@code oci-layout://} named contexts. Reads only.
   */
  public static dev.kiln.llb.frontend.ResolvedImage resolveConfig(Path dir, String ref, dev.kiln.llb.Platform platform)
      throws IOException {
    LayoutRef parsed = LayoutRef.parse(ref);
    OciLayout layout = OciLayout.open(dir);
    PinnedImage image = select(parsed, layout, ref, platform);
    return new dev.kiln.llb.frontend.ResolvedImage(parsed.name(), image.top(), layout.read(image.parsed().config()));
  }

  /** Keeps the manifest with the image's other blobs, as a registry pull does. */
  private void storeManifest(ManifestSelector.Selected chosen) throws IOException {
    byte[] bytes = chosen.bytes();
    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
      fetcher.store().write(in, Digests.of(chosen.descriptor().digest()), bytes.length);
    }
  }

  private static OciLayout layout(SourceRequest request, LayoutRef ref) throws IOException {
    String store = request.attrs().getOrDefault("oci.store", "");
    String key = store.isEmpty() ? ref.name() : store;
    Path dir = request.build().ociLayout(key).orElseThrow(() -> new IOException(
        "OCI layout '" + key + "' was not provided (pass it in BuildInputs.ociLayouts, like --oci-layout " + key + "=DIR)"));
    return OciLayout.open(dir);
  }

  private static int layerLimit(SourceRequest request) {
    String v = request.attrs().get("oci.layerlimit");
    if (v == null || v.isEmpty()) return -1;
    try {
      return Integer.parseUnsignedInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid oci.layerlimit \"" + v + "\": expected a non-negative integer");
    }
  }

  /** {@code NAME@DIGEST} or {@code NAME:TAG}; exactly one of digest and tag is set. */
  record LayoutRef(String name, Digest digest, String tag) {
    static LayoutRef parse(String rest) {
      int at = rest.lastIndexOf('@');
      if (at > 0) {
        return new LayoutRef(rest.substring(0, at), Digest.parse(rest.substring(at + 1)), null);
      }
      int colon = rest.lastIndexOf(':');
      if (colon > rest.lastIndexOf('/') && colon > 0) {
        return new LayoutRef(rest.substring(0, colon), null, rest.substring(colon + 1));
      }
      throw new IllegalArgumentException("invalid oci-layout reference \"" + rest + "\": expected NAME@sha256:… or NAME:TAG");
    }
  }
}
