package dev.kiln.engine.exporter.oci;

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
import java.nio.file.Path;
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
    write(new ArchiveOut(out, content, mtime), written, names, annotations, format);
  }

  /** The same entries as files under {@code dir} ({@code tar=false}). */
  static void writeDir(Path dir, ContentStore content, WrittenImage written, List<ImageName> names,
      Annotations annotations, TarballFormat format) throws IOException {
    write(new LayoutDir(dir, content), written, names, annotations, format);
  }

  private static void write(LayoutSink sink, WrittenImage written, List<ImageName> names,
      Annotations annotations, TarballFormat format) throws IOException {
    if (format == TarballFormat.DOCKER && !(written instanceof Image)) {
      // docker load reads one manifest per tag; BuildKit's docker exporter refuses indexes too.
      throw new IOException("a docker tarball holds one platform: build one platform, or use type=oci for several");
    }
    try (LayoutSink tar = sink) {
      tar.dir("blobs");
      tar.dir("blobs/sha256");
      for (Descriptor d : sortedBlobs(written)) tar.blob("blobs/sha256/" + d.digest().hex(), d);
      tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      tar.file("index.json", json(index(written.top(), names, annotations)));
      if (written instanceof Image image && format == TarballFormat.DOCKER) {
        tar.file("manifest.json", json(dockerManifest(image, names)));
        if (!names.isEmpty()) tar.file("repositories", json(repositories(image, names)));
      }
    }
  }

  /** Each blob once, by digest (layers may repeat). */
  private static List<Descriptor> sortedBlobs(WrittenImage image) {
    Map<String, Descriptor> byDigest = new TreeMap<>();
    image.blobs().forEach(d -> byDigest.putIfAbsent(d.digest().value(), d));
    return List.copyOf(byDigest.values());
  }

  private static ObjectNode index(Descriptor top, List<ImageName> names, Annotations annotations) {
    ObjectNode idx = DescriptorJson.MAPPER.createObjectNode();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", "application/vnd.oci.image.index.v1+json");
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
