package dev.kiln.llb.frontend;

import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a frontend produced: one graph and image config per target platform (BuildKit's
 * {@code Result.refs} keyed by platform id, with {@code containerimage.config/<id>}). The
 * single-platform accessors answer for the first platform.
 *
 * @param platforms the per-platform results, in request order, at least one
 * @param multiPlatform whether the exporter should write an index even for one platform
 */
public record FrontendResult(List<PlatformResult> platforms, boolean multiPlatform) {

  /**
   * The result for one platform.
   *
   * @param state the head of the graph
   * @param definition {@code state} marshalled with the frontend's defaults (platform, caps)
   * @param imageConfig the OCI image config, as the exporter should write it
   * @param platform the target platform
   */
  public record PlatformResult(State state, Definition definition, byte[] imageConfig, Platform platform) {
    public PlatformResult {
      imageConfig = imageConfig.clone();
    }

    @Override
    public byte[] imageConfig() {
      return imageConfig.clone();
    }
  }

  public FrontendResult {
    if (platforms.isEmpty()) {
      throw new IllegalArgumentException("a frontend result has at least one platform");
    }
    platforms = List.copyOf(platforms);
  }

  /** A single-platform result. */
  public FrontendResult(State state, Definition definition, byte[] imageConfig, Platform platform) {
    this(List.of(new PlatformResult(state, definition, imageConfig, platform)), false);
  }

  /** The results by platform id ({@code linux/arm64}), in request order. */
  public Map<String, PlatformResult> byPlatform() {
    Map<String, PlatformResult> out = new LinkedHashMap<>();
    platforms.forEach(p -> out.putIfAbsent(p.platform().toString(), p));
    return out;
  }

  public State state() {
    return platforms.getFirst().state();
  }

  public Definition definition() {
    return platforms.getFirst().definition();
  }

  public byte[] imageConfig() {
    return platforms.getFirst().imageConfig();
  }

  public Platform platform() {
    return platforms.getFirst().platform();
  }
}
