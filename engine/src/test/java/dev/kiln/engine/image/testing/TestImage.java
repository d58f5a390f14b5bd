package dev.kiln.engine.image.testing;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI image built in the test: compressed layer blobs, a config listing their diff ids, a
 * manifest. {@link Layout} writes images and indexes as an OCI image layout for skopeo, umoci
 * and the oci-layout source.
 */
public record TestImage(List<byte[]> layers, List<String> layerMediaTypes, byte[] config, byte[] manifest, String os, String arch) {
  public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";

  /** An image of gzip layers from uncompressed {@code tars}. */
  public static TestImage of(String os, String arch, byte[]... tars) {
    List<byte[]> blobs = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (byte[] tar : tars) {
      blobs.add(TestLayer.gzip(tar));
      types.add(GZIP);
      diffIds.add(Digest.of(tar).value());
    }
    return assemble(os, arch, blobs, types, diffIds);
  }

  /** An image from already compressed layer blobs with the diff ids the config should claim. */
  public static TestImage assemble(String os, String arch, List<byte[]> blobs, List<String> types, List<String> diffIds) {
    String config = "{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\",\"config\":{\"Env\":[\"PATH=/bin\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds.stream().map(d -> "\"" + d + "\"").toList()) + "]}}";
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    StringBuilder layers = new StringBuilder();
    for (int i = 0; i < blobs.size(); i++) {
      layers.append(i == 0 ? "" : ",").append(descriptor(types.get(i), blobs.get(i)));
    }
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":"
        + descriptor("application/vnd.oci.image.config.v1+json", configBytes) + ",\"layers\":[" + layers + "]}";
    return new TestImage(List.copyOf(blobs), List.copyOf(types), configBytes, manifest.getBytes(StandardCharsets.UTF_8), os, arch);
  }

  public Digest manifestDigest() {
    return Digest.of(manifest);
  }

  public Digest layerDigest(int i) {
    return Digest.of(layers.get(i));
  }

  static String descriptor(String mediaType, byte[] blob) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.of(blob).value() + "\",\"size\":" + blob.length + "}";
  }

  /** An OCI index over {@code images}, each entry with its platform. */
  public static byte[] index(List<TestImage> images) {
    List<String> entries = new ArrayList<>();
    for (TestImage img : images) {
      String d = descriptor(MANIFEST, img.manifest());
      entries.add(d.substring(0, d.length() - 1) + ",\"platform\":{\"architecture\":\"" + img.arch() + "\",\"os\":\"" + img.os() + "\"}}");
    }
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[" + String.join(",", entries) + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** An OCI image layout under construction: blobs plus tagged entries of index.json. */
  public static final class Layout {
    private final Path dir;
    private final Map<String, String> tagged = new LinkedHashMap<>();

    public Layout(Path dir) throws IOException {
      this.dir = Files.createDirectories(dir);
      Files.createDirectories(dir.resolve("blobs/sha256"));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    public Path dir() {
      return dir;
    }

    /** Adds an image's blobs and tags its manifest. */
    public Layout add(String tag, TestImage image) throws IOException {
      blobs(image);
      return tag(tag, MANIFEST, image.manifest());
    }

    /** Adds several images under one index, tagged. */
    public Layout addIndex(String tag, List<TestImage> images) throws IOException {
      for (TestImage img : images) {
        blobs(img);
      }
      return tag(tag, INDEX, index(images));
    }

    private void blobs(TestImage image) throws IOException {
      for (byte[] b : image.layers()) blob(b);
      blob(image.config());
      blob(image.manifest());
    }

    public Layout blob(byte[] data) throws IOException {
      Files.write(dir.resolve("blobs/sha256").resolve(Digest.of(data).hex()), data);
      return this;
    }

    private Layout tag(String tag, String mediaType, byte[] doc) throws IOException {
      blob(doc);
      String d = descriptor(mediaType, doc);
      tagged.put(tag, d.substring(0, d.length() - 1) + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}");
      Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":["
          + String.join(",", tagged.values()) + "]}");
      return this;
    }
  }
}
