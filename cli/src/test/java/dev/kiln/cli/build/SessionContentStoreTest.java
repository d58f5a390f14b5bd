package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.daemon.Daemon;
import dev.kiln.proto.control.CacheOptionsEntry;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.proto.control.SolveResponse;
import dev.kiln.session.content.ContentProvider;
import dev.kiln.registry.layout.LayoutIndex;
import dev.kiln.session.filesend.FileSendProvider;
import dev.kiln.session.filesync.FileSyncProvider;
import dev.kiln.session.tunnel.ClientSession;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs and caches that live in the client's OCI layout directories, reached through the
 * session's content store as buildctl serves them: kilnd moves blobs through {@code Content} calls
 * and never opens the directory (the store ids name paths that do not exist on the daemon's side),
 * and the client names the results in {@code index.json}.
 */
class SessionContentStoreTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private Path context() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /app/\n");
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    return ctx;
  }

  @SuppressWarnings("try")
  private static SolveResponse solve(ManagedChannel channel, String id, List<BindableService> services,
      SolveRequest.Builder request) throws Exception {
    try (ClientSession session = ClientSession.start(ControlGrpc.newStub(channel), id, "t", "", services)) {
      return ControlGrpc.newBlockingStub(channel).solve(request.setRef("ref-" + id).setSession(id)
          .setFrontend("dockerfile.v0").build());
    }
  }

  private interface Body {
    void run(ManagedChannel channel) throws Exception;
  }

  private void withDaemon(String state, Body body) throws Exception {
    String name = "content-" + System.nanoTime();
    try (Daemon daemon = Daemon.open(tmp.resolve(state))) {
      Server server = daemon.startInProcess(name);
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try {
        body.run(channel);
      } finally {
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void anOciLayoutOutputIsWrittenThroughTheExportStore() throws Exception {
    Path ctx = context();
    Path layout = Files.createDirectories(tmp.resolve("layout"));
    withDaemon("state", channel -> {
      List<BindableService> services = List.of(new FileSyncProvider(Map.of("context", ctx, "dockerfile", ctx)),
          new ContentProvider(Map.of("export", layout)));
      SolveResponse r = solve(channel, "oci1", services, SolveRequest.newBuilder().setExporter("oci")
          .putExporterAttrs("tar", "false").putExporterAttrs("name", "app:v1"));
      JsonNode descriptor = JSON.readTree(Base64.getDecoder().decode(r.getExporterResponseOrThrow("containerimage.descriptor")));
      assertThat(r.getExporterResponseOrThrow("image.name")).isEqualTo("docker.io/library/app:v1");
      // The daemon wrote blobs only; index.json is the client's to write, as buildctl does.
      assertThat(layout.resolve("index.json")).doesNotExist();
      LayoutIndex.put(layout, descriptor, List.of(new LayoutIndex.Name.Image("docker.io/library/app:v1")));
    });
    JsonNode inspect = JSON.readTree(Tool.run("skopeo", "inspect", "oci:" + layout + ":v1"));
    assertThat(inspect.get("Layers")).hasSize(1);
    Path bundle = tmp.resolve("bundle");
    Tool.run("umoci", "unpack", "--image", layout + ":v1", bundle.toString());
    assertThat(bundle.resolve("rootfs/app/hello.txt")).hasContent("hello");
  }

  @Test
  void aLocalCacheTravelsThroughTheSessionAndIsImportedByAnotherDaemon() throws Exception {
    Path ctx = context();
    Path cacheDir = Files.createDirectories(tmp.resolve("client-cache"));
    // The store's id names a directory the daemon cannot see; only the client maps it to cacheDir.
    String clientPath = "/kiln-client-only-" + System.nanoTime() + "/cache";
    String store = "local:" + clientPath;
    List<String> digests = new ArrayList<>();
    withDaemon("state1", channel -> {
      List<BindableService> services = List.of(new FileSyncProvider(Map.of("context", ctx, "dockerfile", ctx)),
          new ContentProvider(Map.of(store, cacheDir)));
      SolveResponse r = solve(channel, "exp1", services, SolveRequest.newBuilder().setCache(
          dev.kiln.proto.control.CacheOptions.newBuilder().addExports(CacheOptionsEntry.newBuilder().setType("local")
              .putAttrs("dest", clientPath).putAttrs("mode", "max"))));
      JsonNode manifest = JSON.readTree(r.getExporterResponseOrThrow("cache.manifest"));
      digests.add(manifest.get("digest").asText());
      LayoutIndex.put(cacheDir, manifest, List.of(new LayoutIndex.Name.Tag("latest")));
    });
    assertThat(Path.of(clientPath).getParent()).doesNotExist();
    assertThat(LayoutIndex.digest(cacheDir, "latest")).contains(digests.getFirst());
    JsonNode cacheIndex = JSON.readTree(cacheDir.resolve("blobs/sha256/" + digests.getFirst().substring(7)).toFile());
    List<String> layers = new ArrayList<>();
    cacheIndex.get("manifests").forEach(m -> {
      if (m.get("mediaType").asText().contains("layer")) layers.add(m.get("digest").asText());
    });
    assertThat(layers).isNotEmpty();

    Path out = tmp.resolve("out");
    withDaemon("state2", channel -> {
      List<BindableService> services = List.of(new FileSyncProvider(Map.of("context", ctx, "dockerfile", ctx)),
          new ContentProvider(Map.of(store, cacheDir)), new FileSendProvider(new FileSendProvider.Dir(out)));
      solve(channel, "imp1", services, SolveRequest.newBuilder().setExporter("local").setCache(
          dev.kiln.proto.control.CacheOptions.newBuilder().addImports(CacheOptionsEntry.newBuilder().setType("local")
              .putAttrs("src", clientPath).putAttrs("digest", digests.getFirst()))));
    });
    assertThat(out.resolve("app/hello.txt")).hasContent("hello");
    // The fresh daemon took the result from the imported cache: the result's layer blob (one of the
    // cache's, which in mode=max also holds the context's) came through the session.
    assertThat(layers).anyMatch(layer -> Files.exists(tmp.resolve("state2/content/blobs/sha256/" + layer.substring(7))));
    assertThat(Path.of(clientPath).getParent()).doesNotExist();
  }
}
