package dev.kiln.daemon.frontend;

import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.source.LocalDirs;
import dev.kiln.engine.source.ocilayout.OciLayoutSource;
import dev.kiln.llb.Platform;
import dev.kiln.llb.frontend.ImageMetaResolver;
import dev.kiln.llb.frontend.ResolvedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine's image resolver plus {@code oci-layout://} named contexts: store NAME is the
 * client's {@code --oci-layout NAME=DIR}, synced from its session like a local directory.
 */
record ClientLayoutResolver(ImageMetaResolver registry, LocalDirs locals) implements ImageMetaResolver {
  @Override
  public ResolvedImage resolve(String ref, Platform platform, dev.kiln.llb.ImageOptions.ResolveMode mode) throws IOException {
    return registry.resolve(ref, platform, mode);
  }

  @Override
  public ResolvedImage resolveOciLayout(String ref, String sessionId, String storeId, Platform platform) throws IOException {
    String local = BuildInputs.OCI_LAYOUT_LOCAL_PREFIX + storeId;
    Path dir = locals.get(local, new LocalDirs.Request(List.of(), List.of(), List.of(), local)).orElseThrow(() ->
        new IOException("OCI layout '" + storeId + "' was not provided (pass it with --oci-layout " + storeId + "=DIR)"));
    return OciLayoutSource.resolveConfig(dir, ref, platform);
  }
}
