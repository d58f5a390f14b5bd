package dev.kiln.registry.testing;

import dev.kiln.registry.Descriptor;
import dev.kiln.registry.MediaTypes;
import dev.kiln.registry.Platform;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A tiny OCI image built in memory: one uncompressed tar layer with one file, a config, a manifest. */
public record TestImage(byte[] layer, byte[] config, byte[] manifest, Platform platform) {
  public static TestImage create(String fileContent, Platform platform) {
    byte[] layer = Tar.singleFile("hello.txt", fileContent.getBytes(StandardCharsets.UTF_8));
    Descriptor layerD = Descriptor.of(MediaTypes.OCI_LAYER, layer);
    String config = "{\"architecture\":\"" + platform.architecture() + "\",\"os\":\"" + platform.os() + "\""
        + (platform.variant().isEmpty() ? "" : ",\"variant\":\"" + platform.variant() + "\"")
        + ",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerD.digest() + "\"]}}";
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    Descriptor configD = Descriptor.of(MediaTypes.OCI_CONFIG, configBytes);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
        + "\"config\":" + json(configD) + ",\"layers\":[" + json(layerD) + "]}";
    return new TestImage(layer, configBytes, manifest.getBytes(StandardCharsets.UTF_8), platform);
  }

  public Descriptor layerDescriptor() {
    return Descriptor.of(MediaTypes.OCI_LAYER, layer);
  }

  public Descriptor configDescriptor() {
    return Descriptor.of(MediaTypes.OCI_CONFIG, config);
  }

  public Descriptor manifestDescriptor() {
    return Descriptor.of(MediaTypes.OCI_MANIFEST, manifest);
  }

  public static String json(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
  }

  /** An OCI index over {@code images}, each entry carrying its platform. */
  public static byte[] index(List<TestImage> images) {
    StringBuilder b = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[");
    for (int i = 0; i < images.size(); i++) {
      TestImage img = images.get(i);
      Descriptor d = img.manifestDescriptor();
      Platform p = img.platform();
      b.append(i == 0 ? "" : ",").append(json(d), 0, json(d).length() - 1)
          .append(",\"platform\":{\"os\":\"").append(p.os()).append("\",\"architecture\":\"").append(p.architecture()).append('"')
          .append(p.variant().isEmpty() ? "" : ",\"variant\":\"" + p.variant() + "\"").append("}}");
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes an OCI image layout holding this image under {@code tag}, for skopeo. */
  public void writeLayout(Path dir, String tag) throws java.io.IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    for (byte[] blob : List.of(layer, config, manifest)) {
      Files.write(blobs.resolve(Descriptor.of("x", blob).digest().hex()), blob);
    }
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    String m = json(manifestDescriptor());
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + m.substring(0, m.length() - 1)
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
  }

  /** Just enough ustar to make a valid one-file layer. */
  static final class Tar {
    static byte[] singleFile(String name, byte[] content) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] header = new byte[512];
      put(header, 0, name);
      put(header, 100, "0000644\0");
      put(header, 108, "0000000\0");
      put(header, 116, "0000000\0");
      put(header, 124, String.format("%011o\0", content.length));
      put(header, 136, "00000000000\0");
      header[156] = '0';
      put(header, 257, "ustar\0");
      put(header, 263, "00");
      java.util.Arrays.fill(header, 148, 156, (byte) ' ');
      int sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      put(header, 148, String.format("%06o\0 ", sum));
      out.writeBytes(header);
      out.writeBytes(content);
      out.writeBytes(new byte[(512 - content.length % 512) % 512]);
      out.writeBytes(new byte[1024]);
      return out.toByteArray();
    }

    private static void put(byte[] buf, int off, String s) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(b, 0, buf, off, b.length);
    }
  }
}
