package dev.kiln.llb.frontend;

import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;

/**
 * What a frontend produced for one platform: the graph, its marshalled definition, and the
 * image config JSON (BuildKit's {@code containerimage.config}).
 *
 * @param state the head of the graph
 * @param definition {@code state} marshalled with the frontend's defaults (platform, caps)
 * @param imageConfig the OCI image config, as the exporter should write it
 * @param platform the target platform
 */
public record FrontendResult(State state, Definition definition, byte[] imageConfig, Platform platform) {
  public FrontendResult {
    imageConfig = imageConfig.clone();
  }

  @Override
  public byte[] imageConfig() {
    return imageConfig.clone();
  }
}
