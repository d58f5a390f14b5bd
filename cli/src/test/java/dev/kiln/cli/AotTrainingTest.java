package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.embedded.TrainingRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT training run must build what it claims to: a silently failing training build would
 * record a start-up cache without the classes of registry pulls and image exports. Needs root for
 * RUN (with a static busybox at /bin/busybox).
 */
class AotTrainingTest {
  @TempDir Path tmp;

  @Test
  void theRegistryBuildsSucceedUncachedAndCached() throws Exception {
    String config = Files.writeString(tmp.resolve("kilnd.toml"), "").toString();
    int[] codes = AotTraining.registryBuilds(tmp, config);
    assertThat(codes).containsExactly(0, 0);
    assertThat(tmp.resolve("img0.tar")).isNotEmptyFile();
    assertThat(tmp.resolve("img1.tar")).isNotEmptyFile();
  }

  @Test
  void theTrainingRegistryServesManifestsByTagAndDigestAndRefusesOtherNames() throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/etc"));
    Files.writeString(rootfs.resolve("f.txt"), "x\n");
    try (TrainingRegistry registry = TrainingRegistry.serve(tmp.resolve("rootfs"));
        HttpClient http = HttpClient.newHttpClient()) {
      String base = "http://" + registry.image().substring(0, registry.image().indexOf('/'));
      HttpResponse<String> byTag = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/training/base/manifests/latest")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(byTag.statusCode()).isEqualTo(200);
      String digest = byTag.headers().firstValue("Docker-Content-Digest").orElseThrow();
      HttpResponse<String> byDigest = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/training/base/manifests/" + digest))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(byDigest.statusCode()).isEqualTo(200);
      assertThat(byDigest.headers().firstValue("Content-Length")).contains(Integer.toString(byTag.body().length()));
      HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/other/manifests/latest")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(other.statusCode()).isEqualTo(404);
    }
  }
}
