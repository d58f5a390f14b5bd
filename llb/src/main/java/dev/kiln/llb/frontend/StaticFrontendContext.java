package dev.kiln.llb.frontend;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A context whose files are held in memory: for tests, embedded conversions and tools such as
 * {@code dockerfile2llb}.
 *
 * @param options frontend options
 * @param files file contents by {@code localName + "/" + path}
 * @param imageResolver resolves base images
 * @param llbCaps engine caps, or null when unknown
 * @param session the session id, or null
 */
public record StaticFrontendContext(
    Map<String, String> options, Map<String, byte[]> files, ImageMetaResolver imageResolver, Set<String> llbCaps,
    String session)
    implements FrontendContext {

  public StaticFrontendContext {
    options = Map.copyOf(options);
    files = Map.copyOf(files);
    llbCaps = llbCaps == null ? null : Set.copyOf(llbCaps);
  }

  @Override
  public Optional<byte[]> readFile(String localName, String path) {
    byte[] data = files.get(localName + "/" + path);
    return Optional.ofNullable(data).map(byte[]::clone);
  }

  @Override
  public Optional<String> sessionId() {
    return Optional.ofNullable(session);
  }
}
