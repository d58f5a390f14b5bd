package dev.kiln.engine.exporter.push;

import dev.kiln.engine.exporter.image.AttrReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes {@code type=image} adds to the image ones.
 *
 * @param push send the image to the registries of its names
 * @param byDigest push the manifest by digest only, no tag ({@code push-by-digest})
 * @param insecure reach the names' registries over plain HTTP or unverified TLS ({@code registry.insecure})
 * @param nameCanonical also name the image {@code repository@digest} ({@code name-canonical})
 * @param danglingPrefix without a name, name the image {@code <prefix>@<digest>}
 */
public record PushOptions(boolean push, boolean byDigest, boolean insecure, boolean nameCanonical,
    Optional<String> danglingPrefix) {
  /** The keys read here; {@code unpack} and {@code store} have no meaning without a container store. */
  static final List<String> KEYS = List.of("push", "push-by-digest", "registry.insecure", "name-canonical",
      "dangling-name-prefix", "unpack", "store");

  static PushOptions parse(Map<String, String> attrs) {
    AttrReader r = new AttrReader(attrs);
    return new PushOptions(r.bool("push").orElse(false), r.bool("push-by-digest").orElse(false),
        r.bool("registry.insecure").orElse(false), r.bool("name-canonical").orElse(false),
        r.string("dangling-name-prefix").filter(s -> !s.isEmpty()));
  }
}
