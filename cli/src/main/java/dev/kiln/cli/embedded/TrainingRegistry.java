package dev.kiln.cli.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kiln.daemon.export.TarWriter;
import dev.kiln.llb.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A read-only registry on loopback serving one image, {@code training/base:latest}, for the AOT
 * training run: builds {@code FROM} a registry image load the HTTP client, manifest parsing and
 * the layer pull and unpack, which builds from scratch never touch. The image holds {@code
 * rootfs} (a static busybox and its shell applets, when the caller put them there). Serves the
 * distribution API's pull side only: {@code /v2/}, manifests by tag or digest, blobs by digest.
 */
public final class TrainingRegistry implements AutoCloseable {
  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  private final HttpServer server;
  private final Map<String, Blob> blobs;
  private final Blob manifest;

  private record Blob(String digest, byte[] bytes) {}

  private TrainingRegistry(HttpServer server, Map<String, Blob> blobs, Blob manifest) {
    this.server = server;
    this.blobs = blobs;
    this.manifest = manifest;
  }

  /** Serves an image of the files under {@code rootfs} (one gzip layer) on an ephemeral port. */
  public static TrainingRegistry serve(Path rootfs) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    TarWriter.write(rootfs, tar);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      tar.writeTo(out);
    }
    Blob layer = blob(gz.toByteArray());
    Platform host = Platform.host();
    Blob config = blob("""
        {"architecture":"%s","os":"%s","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],\
        "Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"kiln AOT training"}]}"""
        .formatted(host.architecture(), host.os(), digest(tar.toByteArray())).getBytes(StandardCharsets.UTF_8));
    Blob manifest = blob("""
        {"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"application/vnd.oci.image.config.v1+json",\
        "digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip",\
        "digest":"%s","size":%d}]}"""
        .formatted(MANIFEST_TYPE, config.digest, config.bytes.length, layer.digest, layer.bytes.length)
        .getBytes(StandardCharsets.UTF_8));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    TrainingRegistry registry = new TrainingRegistry(server,
        Map.of(layer.digest, layer, config.digest, config, manifest.digest, manifest), manifest);
    server.createContext("/v2/", registry::handle);
    server.start();
    return registry;
  }

  /** The image's name: {@code 127.0.0.1:PORT/training/base:latest}. */
  public String image() {
    return "127.0.0.1:" + server.getAddress().getPort() + "/training/base:latest";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String last = path.substring(path.lastIndexOf('/') + 1);
      if (path.equals("/v2/")) {
        reply(exchange, null, new Blob("", new byte[0]));
      } else if (path.startsWith("/v2/training/base/manifests/")) {
        reply(exchange, MANIFEST_TYPE, last.equals("latest") || last.equals(manifest.digest) ? manifest : null);
      } else if (path.startsWith("/v2/training/base/blobs/")) {
        reply(exchange, "application/octet-stream", blobs.get(last));
      } else {
        reply(exchange, null, null);
      }
    }
  }

  // HEAD and GET: Docker-Content-Digest and the length; GET also the bytes. Unknown: 404.
  private static void reply(HttpExchange exchange, String type, Blob blob) throws IOException {
    if (blob == null) {
      exchange.sendResponseHeaders(404, -1);
      return;
    }
    if (type != null) exchange.getResponseHeaders().set("Content-Type", type);
    if (!blob.digest.isEmpty()) exchange.getResponseHeaders().set("Docker-Content-Digest", blob.digest);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.getResponseHeaders().set("Content-Length", Integer.toString(blob.bytes.length));
    exchange.sendResponseHeaders(200, head || blob.bytes.length == 0 ? -1 : blob.bytes.length);
    if (!head && blob.bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(blob.bytes);
      }
    }
  }

  private static Blob blob(byte[] bytes) {
    return new Blob(digest(bytes), bytes);
  }

  private static String digest(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
