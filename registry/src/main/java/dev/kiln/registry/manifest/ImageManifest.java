package dev.kiln.registry.manifest;

import dev.kiln.registry.Descriptor;
import java.util.List;

/** An OCI image manifest or Docker schema 2 manifest: a config blob and layers. */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers) {
  public ImageManifest {
    layers = List.copyOf(layers);
  }
}
