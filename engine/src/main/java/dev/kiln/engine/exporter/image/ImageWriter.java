package dev.kiln.engine.exporter.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.DescriptorJson;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.exporter.layer.LayerBlob;
import dev.kiln.engine.exporter.layer.Layers;
import dev.kiln.llb.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a result snapshot and the frontend's config into an image in the content store: one
 * layer per snapshot of the chain, the patched config, then the manifest. Thread-safe.
 */
public final class ImageWriter {
  private final Layers layers;
  private final ContentStore content;

  public ImageWriter(Layers layers, ContentStore content) {
    this.layers = layers;
    this.content = content;
  }

  public Image write(ExportInput input, ImageOptions options) throws IOException {
    List<Descriptor> layerDescs = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (String snapshot : layers.chain(input.snapshotId())) {
      LayerBlob layer = layers.layer(snapshot, options.layers(), !options.forceCompression());
      Descriptor b = layer.blob();
      layerDescs.add(new Descriptor(MediaTypes.layer(b.mediaType(), options.ociMediaTypes()), b.digest(), b.size(),
          b.annotations()));
      diffIds.add(layer.diffId());
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] configJson = ConfigPatcher.patch(input.imageConfig(), diffIds, now, options.sourceDateEpoch());
    Descriptor config = store(MediaTypes.config(options.ociMediaTypes()), configJson);
    byte[] manifestJson = manifest(config, layerDescs, options);
    Descriptor manifest = store(MediaTypes.manifest(options.ociMediaTypes()), manifestJson);
    return new Image(manifest, config, layerDescs);
  }

  private static byte[] manifest(Descriptor config, List<Descriptor> layerDescs, ImageOptions options)
      throws IOException {
    ObjectNode m = DescriptorJson.MAPPER.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.manifest(options.ociMediaTypes()));
    m.set("config", DescriptorJson.of(config));
    ArrayNode ls = m.putArray("layers");
    layerDescs.forEach(d -> ls.add(DescriptorJson.of(d)));
    if (!options.annotations().manifest().isEmpty()) {
      ObjectNode a = m.putObject("annotations");
      new java.util.TreeMap<>(options.annotations().manifest()).forEach(a::put);
    }
    return DescriptorJson.MAPPER.writeValueAsBytes(m);
  }

  private Descriptor store(String mediaType, byte[] bytes) throws IOException {
    Digest d = Digest.of(bytes);
    content.write(new ByteArrayInputStream(bytes), d, bytes.length);
    return new Descriptor(mediaType, d, bytes.length);
  }
}
