package dev.kiln.engine.exporter.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.DescriptorJson;
import dev.kiln.engine.exporter.ExportInput;
import dev.kiln.engine.exporter.ResultContent;
import dev.kiln.engine.exporter.layer.LayerBlob;
import dev.kiln.engine.exporter.layer.LayerSink;
import dev.kiln.engine.exporter.layer.Layers;
import dev.kiln.llb.Digest;
import java.io.ByteArrayInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.engine.exporter.ExportInputs;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a result and the frontend's config into an image in the content store: one layer per
 * snapshot of the chain (or the blobs of a remote chain, which are not fetched), the patched config,
 * then the manifest. Thread-safe.
 */
public final class ImageWriter {
  private final Layers layers;
  private final ContentStore content;

  public ImageWriter(Layers layers, ContentStore content) {
    this.layers = layers;
    this.content = content;
  }

  /** One image, or with several platforms (or {@code inputs.index()}) an index over one image each. */
  public WrittenImage write(ExportInputs inputs, ImageOptions options) throws IOException {
    return write(inputs, options, LayerSink.NONE);
  }

  /** The same, telling {@code sink} each layer in order (every image's, base first) as it is decided. */
  public WrittenImage write(ExportInputs inputs, ImageOptions options, LayerSink sink) throws IOException {
    if (!inputs.multiPlatform()) return write(inputs.platforms().getFirst(), options, sink);
    List<Image> images = new ArrayList<>();
    for (ExportInput input : inputs.platforms()) images.add(write(input, options, sink));
    ObjectNode idx = DescriptorJson.MAPPER.createObjectNode();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", MediaTypes.index(options.ociMediaTypes()));
    ArrayNode manifests = idx.putArray("manifests");
    for (Image image : images) {
      ObjectNode entry = DescriptorJson.of(image.manifest());
      entry.set("platform", platform(image.config()));
      manifests.add(entry);
    }
    if (!options.annotations().index().isEmpty()) {
      ObjectNode a = idx.putObject("annotations");
      new java.util.TreeMap<>(options.annotations().index()).forEach(a::put);
    }
    Descriptor index = store(MediaTypes.index(options.ociMediaTypes()), DescriptorJson.MAPPER.writeValueAsBytes(idx));
    return new ImageIndex(index, images);
  }

  /** An index entry's platform, as the image's config states it. */
  private ObjectNode platform(Descriptor config) throws IOException {
    JsonNode c;
    try (InputStream in = content.open(config.digest())) {
      c = DescriptorJson.MAPPER.readTree(in);
    }
    ObjectNode p = DescriptorJson.MAPPER.createObjectNode();
    p.put("architecture", c.path("architecture").asText());
    p.put("os", c.path("os").asText());
    if (c.hasNonNull("variant")) p.put("variant", c.get("variant").asText());
    return p;
  }

  public Image write(ExportInput input, ImageOptions options) throws IOException {
    return write(input, options, LayerSink.NONE);
  }

  private Image write(ExportInput input, ImageOptions options, LayerSink sink) throws IOException {
    List<Descriptor> layerDescs = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (LayerBlob layer : layers(input, options, sink)) {
      Descriptor b = layer.blob();
      layerDescs.add(new Descriptor(MediaTypes.layer(b.mediaType(), options.ociMediaTypes()), b.digest(), b.size(),
          b.annotations()));
      diffIds.add(layer.diffId());
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] configJson = ConfigPatcher.patch(input.imageConfig(), diffIds, now, options.sourceDateEpoch(), input.inlineCache());
    Descriptor config = store(MediaTypes.config(options.ociMediaTypes()), configJson);
    byte[] manifestJson = manifest(config, layerDescs, options);
    Descriptor manifest = store(MediaTypes.manifest(options.ociMediaTypes()), manifestJson);
    return new Image(manifest, config, layerDescs);
  }

  /**
   * The result's layers, base first. A remote chain's blobs are used as they are, like a pulled base
   * image's (nothing is fetched); {@code force-compression} needs the files, so it materialises it.
   */
  private List<LayerBlob> layers(ExportInput input, ImageOptions options, LayerSink sink) throws IOException {
    if (input.content() instanceof ResultContent.Remote remote && !options.forceCompression()) {
      List<LayerBlob> out = remote.layers().stream().map(l -> new LayerBlob(l.blob(), l.diffId())).toList();
      for (LayerBlob l : out) sink.layer(l.blob());
      return out;
    }
    List<LayerBlob> out = new ArrayList<>();
    for (String snapshot : layers.chain(input.snapshotId())) {
      LayerBlob layer = layers.layer(snapshot, options.layers(), !options.forceCompression(), sink);
      sink.layer(layer.blob());
      out.add(layer);
    }
    return out;
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
