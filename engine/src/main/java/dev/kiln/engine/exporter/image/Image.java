package dev.kiln.engine.exporter.image;

import dev.kiln.engine.exporter.Descriptor;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An image written to the content store: its manifest, config and layer descriptors. */
public record Image(Descriptor manifest, Descriptor config, List<Descriptor> layers) {
  public Image {
    layers = List.copyOf(layers);
  }

  /** Every blob of the image, manifest first. */
  public List<Descriptor> blobs() {
    List<Descriptor> all = new java.util.ArrayList<>();
    all.add(manifest);
    all.add(config);
    all.addAll(layers);
    return all;
  }

  /** BuildKit's exporter response keys for this image. */
  public Map<String, String> response(String names) throws java.io.IOException {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("containerimage.digest", manifest.digest().value());
    r.put("containerimage.config.digest", config.digest().value());
    byte[] desc = dev.kiln.engine.exporter.DescriptorJson.MAPPER.writeValueAsBytes(
        dev.kiln.engine.exporter.DescriptorJson.of(manifest));
    r.put("containerimage.descriptor", Base64.getEncoder().encodeToString(desc));
    if (!names.isEmpty()) r.put("image.name", names);
    return r;
  }
}
