package dev.kiln.engine.exporter.image;

import dev.kiln.engine.exporter.Descriptor;
import java.util.ArrayList;
import java.util.List;

/** An image written to the content store: its manifest, config and layer descriptors. */
public record Image(Descriptor manifest, Descriptor config, List<Descriptor> layers) implements WrittenImage {
  public Image {
    layers = List.copyOf(layers);
  }

  @Override
  public Descriptor top() {
    return manifest;
  }

  @Override
  public List<Image> images() {
    return List.of(this);
  }

  /** Every blob of the image, manifest first. */
  @Override
  public List<Descriptor> blobs() {
    List<Descriptor> all = new ArrayList<>();
    all.add(manifest);
    all.add(config);
    all.addAll(layers);
    return all;
  }
}
