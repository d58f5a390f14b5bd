package dev.kiln.engine.source.image;

import dev.kiln.engine.image.ImageUnpacker;
import dev.kiln.engine.image.ManifestSelector;
import dev.kiln.engine.image.PinnedImage;
import dev.kiln.engine.image.RegistryProgress;
import dev.kiln.engine.source.PinningSource;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.io.IOException;
import java.util.Set;

/**
 * {@code docker-image://REF}: an image from a registry. Keying resolves the name to a manifest
 * digest for the op's platform (manifests only); executing downloads and unpacks only the layers
 * no earlier image unpacked. What the key was computed from is what gets built, even if the tag
 * moves in between.
 */
public final class ImageSource implements PinningSource {
  private final RegistryResolver resolver;
  private final ImageUnpacker unpacker;
  private final SnapshotRefs refs;

  public ImageSource(RegistryResolver resolver, ImageUnpacker unpacker, SnapshotRefs refs) {
    this.resolver = resolver;
    this.unpacker = unpacker;
    this.refs = refs;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("docker-image");
  }

  @Override
  public Instance instance(SourceRequest request) {
    return new Pull(request);
  }

  /** One image op: the pin made while keying is reused by exec. */
  private final class Pull implements Instance {
    private final SourceRequest request;
    private volatile PinnedImage pinned;

    Pull(SourceRequest request) {
      this.request = request;
    }

    @Override
    public CacheMap cacheMap(OpContext ctx) throws Exception {
      return pin(ctx).cacheMap(ImageAttrs.of(request.attrs()).layerLimit());
    }

    @Override
    public Result exec(OpContext ctx) throws Exception {
      PinnedImage image = pin(ctx);
      int layerLimit = ImageAttrs.of(request.attrs()).layerLimit();
      try {
        byte[] config = RegistryProgress.reportingTo(ctx.progress(), () -> resolver.config(image));
        String snapshot = unpacker.unpack(ctx, image.parsed(), config, resolver.blobs(image), layerLimit);
        return refs.result(snapshot);
      } catch (IOException e) {
        throw new IOException("failed to pull " + image.name() + " (" + image.manifest().digest() + "): " + e.getMessage(), e);
      }
    }

    /** Resolves the name once; the registry client's retries show in the op's progress. */
    private PinnedImage pin(OpContext ctx) throws IOException {
      PinnedImage p = pinned;
      if (p == null) {
        String name = request.rest();
        try {
          ImageAttrs attrs = ImageAttrs.of(request.attrs());
          p = RegistryProgress.reportingTo(ctx.progress(),
              () -> resolver.resolve(name, ManifestSelector.platform(request.platform()), attrs.mode()));
        } catch (IOException | IllegalArgumentException e) {
          throw new IOException("failed to resolve source metadata for " + name + ": " + e.getMessage(), e);
        }
        pinned = p;
      }
      return p;
    }
  }

  /** The attrs of a docker-image op, parsed once; a bad value names its key. */
  record ImageAttrs(ResolveMode mode, int layerLimit) {
    static ImageAttrs of(java.util.Map<String, String> attrs) {
      ResolveMode mode = switch (attrs.getOrDefault("image.resolvemode", "default")) {
        case "default", "" -> ResolveMode.DEFAULT;
        case "pull" -> ResolveMode.FORCE_PULL;
        case "local" -> ResolveMode.PREFER_LOCAL;
        case String other -> throw new IllegalArgumentException(
            "invalid image.resolvemode \"" + other + "\": use default, pull or local");
      };
      return new ImageAttrs(mode, layerLimit(attrs.get("image.layerlimit"), "image.layerlimit"));
    }

    static int layerLimit(String value, String key) {
      if (value == null || value.isEmpty()) {
        return -1;
      }
      try {
        int n = Integer.parseInt(value);
        if (n < 0) throw new NumberFormatException();
        return n;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid " + key + " \"" + value + "\": expected a non-negative integer");
      }
    }
  }
}
