package dev.kiln.engine.exporter.image;

import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.DescriptorJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link ImageWriter} stored: one image, or an index over one image per platform. */
public sealed interface WrittenImage permits Image, ImageIndex {
  /** The manifest or index that names everything else. */
  Descriptor top();

  /** The platform images, one for a plain image. */
  List<Image> images();

  /** Every blob, top first, each image's manifest, config and layers after it (layers may repeat). */
  default List<Descriptor> blobs() {
    List<Descriptor> all = new ArrayList<>();
    if (this instanceof ImageIndex) all.add(top());
    images().forEach(i -> all.addAll(i.blobs()));
    return all;
  }

  /** BuildKit's exporter response keys: digest and descriptor of the top, the config of a single image. */
  default Map<String, String> response(String names) throws IOException {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("containerimage.digest", top().digest().value());
    if (this instanceof Image i) r.put("containerimage.config.digest", i.config().digest().value());
    byte[] desc = DescriptorJson.MAPPER.writeValueAsBytes(DescriptorJson.of(top()));
    r.put("containerimage.descriptor", Base64.getEncoder().encodeToString(desc));
    if (!names.isEmpty()) r.put("image.name", names);
    return r;
  }
}
