package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o type=image} without {@code push}: the image stays in the store under its names. */
class ImageStoreOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path context() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    return ctx;
  }

  private Cli build(String output, Path metadata) throws Exception {
    return Cli.run("build", context().toString(), "--root", tmp.resolve("state").toString(), "--progress", "plain",
        "-o", output, "--metadata-file", metadata.toString());
  }

  @Test
  void namesAreReportedWithTheCanonicalOne() throws Exception {
    Path metadata = tmp.resolve("meta.json");
    Cli r = build("type=image,name=app:1,name-canonical=true", metadata);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("exporting to image");
    JsonNode meta = JSON.readTree(metadata.toFile());
    String digest = meta.get("containerimage.digest").asText();
    assertThat(meta.get("image.name").asText()).isEqualTo("docker.io/library/app:1,docker.io/library/app@" + digest);
    assertThat(meta.get("containerimage.descriptor").get("digest").asText()).isEqualTo(digest);
    assertThat(meta.get("containerimage.config.digest").asText()).startsWith("sha256:");
  }

  @Test
  void anUnnamedImageGetsTheDanglingPrefix() throws Exception {
    Path metadata = tmp.resolve("meta.json");
    Cli r = build("type=image,dangling-name-prefix=scratch", metadata);
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode meta = JSON.readTree(metadata.toFile());
    assertThat(meta.get("image.name").asText()).isEqualTo("scratch@" + meta.get("containerimage.digest").asText());
  }

  @Test
  void dashTNamesAStoredImageOrTheImageOutput() throws Exception {
    Path ctx = context();
    Path metadata = tmp.resolve("meta.json");
    Cli r = Cli.run("build", ctx.toString(), "--root", tmp.resolve("state").toString(), "--progress", "quiet",
        "-t", "app:2", "-t", "app:latest", "--metadata-file", metadata.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(metadata.toFile()).get("image.name").asText())
        .isEqualTo("docker.io/library/app:2,docker.io/library/app:latest");
    Cli docker = Cli.run("build", ctx.toString(), "--root", tmp.resolve("state").toString(), "--progress", "quiet",
        "-t", "app:3", "-o", "type=docker,dest=" + tmp.resolve("d.tar"), "--metadata-file", metadata.toString());
    assertThat(docker.exitCode()).as(docker.err()).isZero();
    assertThat(JSON.readTree(metadata.toFile()).get("image.name").asText()).isEqualTo("docker.io/library/app:3");
  }

  @Test
  void pushWithoutANameIsAUsageProblem() throws Exception {
    Cli r = build("type=image,push=true", tmp.resolve("meta.json"));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("'push'").contains("needs a name");
  }
}
