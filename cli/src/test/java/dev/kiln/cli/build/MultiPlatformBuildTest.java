package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln build --opt platform=linux/amd64,linux/arm64}: one directory per platform for
 * {@code type=local}, an image index for {@code type=oci} (read by skopeo), refused by {@code type=docker}.
 */
class MultiPlatformBuildTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path context() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nARG TARGETARCH\nCOPY hello.txt /app/\n");
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    return ctx;
  }

  private Cli build(String output, String... more) throws Exception {
    List<String> argv = new ArrayList<>(List.of("build", context().toString(), "--root", tmp.resolve("state").toString(),
        "--progress", "quiet", "--opt", "platform=linux/amd64,linux/arm64", "-o", output));
    argv.addAll(List.of(more));
    return Cli.run(argv.toArray(String[]::new));
  }

  @Test
  void localOutputsAreSplitByPlatform() throws Exception {
    Path out = tmp.resolve("out");
    Cli r = build("type=local,dest=" + out);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("linux_amd64/app/hello.txt")).hasContent("hello");
    assertThat(out.resolve("linux_arm64/app/hello.txt")).hasContent("hello");
  }

  @Test
  void anOciTarballHoldsAnIndexWithBothPlatforms() throws Exception {
    Path file = tmp.resolve("multi.tar");
    Path metadata = tmp.resolve("meta.json");
    Cli r = build("type=oci,dest=" + file + ",name=multi:1", "--metadata-file", metadata.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode index = JSON.readTree(Tool.run("skopeo", "inspect", "--raw", "oci-archive:" + file));
    assertThat(index.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(index.get("manifests").findValuesAsText("architecture")).containsExactly("amd64", "arm64");
    JsonNode meta = JSON.readTree(metadata.toFile());
    assertThat(meta.get("containerimage.descriptor").get("mediaType").asText())
        .isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(meta.has("containerimage.config.digest")).isFalse();
    Tool.run("skopeo", "copy", "--all", "oci-archive:" + file, "oci:" + tmp.resolve("layout") + ":1");
  }

  @Test
  void aDockerTarballRefusesSeveralPlatforms() throws Exception {
    Cli r = build("type=docker,dest=" + tmp.resolve("d.tar"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("a docker tarball holds one platform");
  }
}
