package dev.kiln.engine.image;

import dev.kiln.registry.Descriptor;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.Platform;
import dev.kiln.registry.manifest.ImageIndex;
import dev.kiln.registry.manifest.Manifests;
import dev.kiln.registry.manifest.PlatformMatcher;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Walks from what a name points at (index or manifest) to the image manifest for a platform,
 * with containerd's platform matching ({@link PlatformMatcher}); shared by every image source.
 */
public final class ManifestSelector {
  private static final int MAX_DEPTH = 4;

  /** Loads a manifest or index by descriptor, verified, from wherever the image lives. */
  @FunctionalInterface
  public interface Loader {
    byte[] load(Descriptor d) throws IOException;
  }

  /** A chosen image manifest with its exact bytes. */
  public record Selected(Descriptor descriptor, byte[] bytes) {}

  private ManifestSelector() {}

  public static Selected select(String name, Descriptor top, byte[] topBytes, Platform platform, Loader loader) throws IOException {
    Descriptor d = top;
    byte[] bytes = topBytes;
    for (int depth = 0; MediaTypes.isIndex(Manifests.mediaType(bytes, d.mediaType())); depth++) {
      if (depth == MAX_DEPTH) {
        throw new IOException(name + ": image indexes nested deeper than " + MAX_DEPTH);
      }
      ImageIndex index = Manifests.parseIndex(bytes);
      d = PlatformMatcher.only(platform).best(index.manifests()).orElseThrow(() -> noMatch(name, platform, index));
      bytes = loader.load(d);
    }
    return new Selected(new Descriptor(Manifests.mediaType(bytes, d.mediaType()), d.digest(), bytes.length), bytes);
  }

  private static IOException noMatch(String name, Platform platform, ImageIndex index) {
    String available = index.manifests().stream().flatMap(m -> m.platform().stream())
        .map(Platform::toString).distinct().collect(Collectors.joining(", "));
    return new IOException("no match for platform " + platform + " in " + name + " (available: " + available + ")");
  }

  /** The registry module's form of an LLB platform, normalised. */
  public static Platform platform(dev.kiln.llb.Platform p) {
    dev.kiln.llb.Platform q = p != null ? p : dev.kiln.llb.Platform.host();
    return Platform.normalized(q.os(), q.architecture(), q.variant());
  }
}
