package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o type=oci,tar=false,dest=DIR}: an OCI layout directory that skopeo and umoci read. */
class ImageLayoutOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void writesALayoutDirectoryUmociUnpacks() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /app/\n");
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Path layout = tmp.resolve("layout");
    Path metadata = tmp.resolve("meta.json");
    Cli r = Cli.run("build", ctx.toString(), "--root", tmp.resolve("state").toString(), "--progress", "quiet",
        "-o", "type=oci,tar=false,dest=" + layout + ",name=app:v1", "--metadata-file", metadata.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(layout.resolve("oci-layout")).exists();
    JsonNode inspect = JSON.readTree(Tool.run("skopeo", "inspect", "oci:" + layout + ":v1"));
    assertThat(inspect.get("Digest").asText()).isEqualTo(JSON.readTree(metadata.toFile()).get("containerimage.digest").asText());
    Path bundle = tmp.resolve("bundle");
    Tool.run("umoci", "unpack", "--image", layout + ":v1", bundle.toString());
    assertThat(bundle.resolve("rootfs/app/hello.txt")).hasContent("hello");
  }

  @Test
  void tarFalseNeedsADirectory() throws Exception {
    Cli r = Cli.run("build", tmp.toString(), "-o", "type=oci,tar=false");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("tar=false needs dest=DIR");
  }
}
