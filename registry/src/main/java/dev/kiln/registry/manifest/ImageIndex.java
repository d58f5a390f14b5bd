package dev.kiln.registry.manifest;

import dev.kiln.registry.Descriptor;
import java.util.List;

/** An OCI image index or Docker manifest list: the per-platform manifests. */
public record ImageIndex(String mediaType, List<Descriptor> manifests) {
  public ImageIndex {
    manifests = List.copyOf(manifests);
  }
}
