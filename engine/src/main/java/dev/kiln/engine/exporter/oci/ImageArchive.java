package dev.kiln.engine.exporter.oci;

import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.layout.LayoutIndex;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.engine.content.ContentStore;
import dev.kiln.engine.exporter.Descriptor;
import dev.kiln.engine.exporter.DescriptorJson;
import dev.kiln.engine.exporter.image.Annotations;
import dev.kiln.engine.exporter.image.Image;
import dev.kiln.engine.exporter.image.WrittenImage;
import dev.kiln.engine.exporter.image.ImageName;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import dev.kiln.engine.exporter.layer.LayerSink;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes an image as an OCI layout tarball or a Docker tarball. Both carry {@code oci-layout},
 * {@code index.json} and the blobs (as containerd's and Docker 25's exports do); the Docker one
 * adds {@code manifest.json} and {@code repositories} for {@code docker load}.
 */
final class ImageArchive {
  private ImageArchive() {}

  static void write(OutputStream out, ContentStore content, WrittenImage written, List<ImageName> names,
      Annotations annotations, TarballFormat format, Instant mtime) throws IOException {
    try (ArchiveOut tar = new ArchiveOut(out, content, mtime)) {
      blobDirs(tar);
      write(tar, written, names, annotations, format);
    }
  }

  /** How an image is made while a {@link FileArchive} follows its layers. */
  @FunctionalInterface
  interface ImageMaker {
    WrittenImage write(LayerSink sink) throws IOException;
  }

  /**
   * The same tarball written to {@code file}: {@code image} is made while the archive takes its
   * layers, so new ones are written into the file as they are compressed. Equal bytes to {@link
   * #write(OutputStream, ContentStore, WrittenImage, List, Annotations, TarballFormat, Instant)}.
   */
  static WrittenImage writeFile(FileChannel file, ContentStore content, ImageMaker image, List<ImageName> names,
      Annotations annotations, TarballFormat format, Instant mtime) throws IOException {
    try (FileArchive tar = new FileArchive(file, content, mtime)) {
      blobDirs(tar);
      WrittenImage written = image.write(tar);
      write(tar, written, names, annotations, format);
      return written;
    }
  }

  /** The same entries as files under {@code dir} ({@code tar=false}). */
  static void writeDir(Path dir, ContentStore content, WrittenImage written, List<ImageName> names,
      Annotations annotations, TarballFormat format) throws IOException {
    try (LayoutDir layout = new LayoutDir(dir, content)) {
      blobDirs(layout);
      write(layout, written, names, annotations, format);
    }
  }

  private static void blobDirs(LayoutSink sink) throws IOException {
    sink.dir("blobs");
    sink.dir("blobs/sha256");
  }

  private static void write(LayoutSink tar, WrittenImage written, List<ImageName> names,
      Annotations annotations, TarballFormat format) throws IOException {
    if (format == TarballFormat.DOCKER && !(written instanceof Image)) {
      // docker load reads one manifest per tag; BuildKit's docker exporter refuses indexes too.
      throw new IOException("a docker tarball holds one platform: build one platform, or use type=oci for several");
    }
    for (Descriptor d : archiveOrder(written)) tar.blob("blobs/sha256/" + d.digest().hex(), d);
    tar.file("oci-layout", LayoutIndex.OCI_LAYOUT_FILE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    tar.file("index.json", json(index(written.top(), names, annotations)));
    if (written instanceof Image image && format == TarballFormat.DOCKER) {
      tar.file("manifest.json", json(dockerManifest(image, names)));
      if (!names.isEmpty()) tar.file("repositories", json(repositories(image, names)));
    }
  }

  /**
   * Each blob once, in the order a file archive receives them while the image is made: every
   * image's layers (base first), then each image's config and manifest, then the index.
   */
  private static List<Descriptor> archiveOrder(WrittenImage written) {
    Map<String, Descriptor> byDigest = new LinkedHashMap<>();
    written.images().forEach(i -> i.layers().forEach(l -> byDigest.putIfAbsent(l.digest().value(), l)));
    for (Image i : written.images()) {
      byDigest.putIfAbsent(i.config().digest().value(), i.config());
      byDigest.putIfAbsent(i.manifest().digest().value(), i.manifest());
    }
    byDigest.putIfAbsent(written.top().digest().value(), written.top());
    return List.copyOf(byDigest.values());
  }

  private static ObjectNode index(Descriptor top, List<ImageName> names, Annotations annotations) {
    ObjectNode idx = DescriptorJson.MAPPER.createObjectNode();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode manifests = idx.putArray("manifests");
    if (names.isEmpty()) manifests.add(DescriptorJson.of(withAnnotations(top, annotations.manifestDescriptor())));
    for (ImageName n : names) {
      Map<String, String> a = new TreeMap<>(annotations.manifestDescriptor());
      a.put("io.containerd.image.name", n.toString());
      a.put("org.opencontainers.image.ref.name", n.tag());
      manifests.add(DescriptorJson.of(withAnnotations(top, a)));
    }
    if (!annotations.index().isEmpty()) {
      ObjectNode a = idx.putObject("annotations");
      new TreeMap<>(annotations.index()).forEach(a::put);
    }
    return idx;
  }

  private static Descriptor withAnnotations(Descriptor d, Map<String, String> a) {
    return new Descriptor(d.mediaType(), d.digest(), d.size(), a);
  }

  private static ArrayNode dockerManifest(Image image, List<ImageName> names) {
    ArrayNode list = DescriptorJson.MAPPER.createArrayNode();
    ObjectNode m = list.addObject();
    m.put("Config", "blobs/sha256/" + image.config().digest().hex());
    ArrayNode tags = m.putArray("RepoTags");
    names.forEach(n -> tags.add(n.familiar()));
    ArrayNode layers = m.putArray("Layers");
    image.layers().forEach(l -> layers.add("blobs/sha256/" + l.digest().hex()));
    return list;
  }

  /** The legacy {@code repositories} file: repository → tag → image id. */
  private static ObjectNode repositories(Image image, List<ImageName> names) {
    Map<String, Map<String, String>> repos = new LinkedHashMap<>();
    for (ImageName n : names) {
      repos.computeIfAbsent(n.familiarRepository(), k -> new TreeMap<>()).put(n.tag(), image.config().digest().hex());
    }
    ObjectNode root = DescriptorJson.MAPPER.createObjectNode();
    for (String repo : new TreeSet<>(repos.keySet())) {
      ObjectNode tags = root.putObject(repo);
      repos.get(repo).forEach(tags::put);
    }
    return root;
  }

  private static byte[] json(Object node) throws IOException {
    return DescriptorJson.MAPPER.writeValueAsBytes(node);
  }
}
