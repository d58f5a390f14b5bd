package dev.kiln.engine.exporter.image;

import dev.kiln.engine.exporter.Descriptor;
import java.util.List;

/** An OCI image index (or Docker manifest list) over one image per platform, in build order. */
public record ImageIndex(Descriptor index, List<Image> images) implements WrittenImage {
  public ImageIndex {
    images = List.copyOf(images);
  }

  @Override
  public Descriptor top() {
    return index;
  }
}
