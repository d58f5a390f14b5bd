package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.engine.image.testing.LocalRegistry;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln build --import-cache type=registry … -o type=image,push=true} on an empty root: the
 * RUN step is CACHED, and the image is pushed to the registry holding the cache without a single
 * layer downloaded (the layers are mounted from the cache's repository; the registry's access log
 * shows the cache config as the only blob read), with the digest the first root pushed. Needs root
 * and docker-registry.
 */
class RegistryCachePushTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BLOB_GET = Pattern.compile("\"GET /v2/\\S+/blobs/sha256:");

  @TempDir Path tmp;

  @Test
  void aFullyCachedBuildPushesWithoutDownloadingAnyBlob() throws Exception {
    Path rootfs = BusyboxTree.create(tmp.resolve("rootfs"));
    byte[] def = State.local("rootfs").run(r -> r.shlex("sh -c 'echo built > /result.txt'")).root()
        .marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t")).toByteArray();
    Path registryDir = Files.createDirectories(tmp.resolve("registry"));
    try (LocalRegistry registry = LocalRegistry.start(registryDir)) {
      String cache = "type=registry,mode=max,ref=" + registry.host() + "/team/cache:1";
      Cli first = build(def, rootfs, "a", registry.host() + "/team/app:a", "--export-cache", cache);
      assertThat(first.exitCode()).as(first.err()).isZero();
      int mark = Files.readAllLines(registryDir.resolve("registry.log")).size();

      // Another repository: the layers are mounted from the cache's.
      Cli second = build(def, rootfs, "b", registry.host() + "/team/release:b", "--import-cache", cache);
      assertThat(second.exitCode()).as(second.err()).isZero();
      assertThat(second.err()).containsPattern("sh -c echo built > /result.txt\\n#\\d+ CACHED");
      assertThat(digest("b")).isEqualTo(digest("a"));
      List<String> log = Files.readAllLines(registryDir.resolve("registry.log"));
      List<String> since = log.subList(mark, log.size());
      // The one blob read is the cache config, which the import needs; no layer is downloaded.
      String config = "/v2/team/cache/blobs/" + cacheConfig(registry.host());
      assertThat(since.stream().filter(l -> BLOB_GET.matcher(l).find())).singleElement().asString().contains(config);
      assertThat(since).anyMatch(l -> l.contains("\"POST /v2/team/release/blobs/uploads/?") && l.contains("mount=sha256"));
    }
  }

  private Cli build(byte[] def, Path rootfs, String root, String name, String... cacheFlags) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("build", "--local", "rootfs=" + rootfs,
        "--root", tmp.resolve(root).toString(), "--progress", "plain",
        "-o", "type=image,push=true,source-date-epoch=1700000000,name=" + name,
        "--metadata-file", tmp.resolve(root + ".json").toString()));
    args.addAll(List.of(cacheFlags));
    return Cli.run(def, args.toArray(String[]::new));
  }

  /** The digest of the cache config the cache index at {@code team/cache:1} names. */
  private static String cacheConfig(String host) throws Exception {
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + host + "/v2/team/cache/manifests/1"))
        .header("Accept", "application/vnd.oci.image.index.v1+json").build();
    HttpResponse<String> index = HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofString());
    for (JsonNode m : JSON.readTree(index.body()).path("manifests")) {
      if (m.path("mediaType").asText().equals("application/vnd.buildkit.cacheconfig.v0")) return m.path("digest").asText();
    }
    throw new AssertionError("no cache config in " + index.body());
  }

  private String digest(String root) throws Exception {
    JsonNode metadata = JSON.readTree(tmp.resolve(root + ".json").toFile());
    return metadata.path("containerimage.digest").asText();
  }
}
