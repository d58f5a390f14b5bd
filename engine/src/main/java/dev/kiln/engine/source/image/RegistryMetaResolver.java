package dev.kiln.engine.source.image;

import dev.kiln.engine.image.ManifestSelector;
import dev.kiln.engine.image.PinnedImage;
import dev.kiln.llb.ImageOptions.ResolveMode;
import dev.kiln.llb.Platform;
import dev.kiln.llb.frontend.ImageMetaResolver;
import dev.kiln.llb.frontend.ResolvedImage;
import java.io.IOException;

/**
 * Image metadata for frontends (BuildKit's {@code ResolveImageConfig}): the digest to pin a
 * {@code FROM} to and the config to inherit, through the same resolution and content store as
 * the image source, so the pinned build that follows finds the manifest locally.
 */
public final class RegistryMetaResolver implements ImageMetaResolver {
  private final RegistryResolver resolver;

  public RegistryMetaResolver(RegistryResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public ResolvedImage resolve(String ref, Platform platform, ResolveMode mode) throws IOException {
    try {
      PinnedImage image = resolver.resolve(ref, ManifestSelector.platform(platform), mode == null ? ResolveMode.DEFAULT : mode);
      String name = image.name();
      int at = name.indexOf('@');
      return new ResolvedImage(at < 0 ? name : name.substring(0, at), image.top(), resolver.config(image));
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("failed to resolve source metadata for " + ref + ": " + e.getMessage(), e);
    }
  }
}
