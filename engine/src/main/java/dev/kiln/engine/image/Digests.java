package dev.kiln.engine.image;

import dev.kiln.llb.Digest;

/** Converts the registry module's digests to the engine's at the boundary. */
public final class Digests {
  private Digests() {}

  public static Digest of(dev.kiln.registry.Digest d) {
    return Digest.parse(d.toString());
  }

  public static dev.kiln.registry.Digest toRegistry(Digest d) {
    return dev.kiln.registry.Digest.parse(d.value());
  }
}
