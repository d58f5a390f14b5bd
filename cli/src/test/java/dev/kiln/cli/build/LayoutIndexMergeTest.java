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
 * Outputs into an existing OCI layout merge into its {@code index.json} as buildctl's do: other
 * images and cache tags stay; an entry of the same name is replaced.
 */
class LayoutIndexMergeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private Path context(String content) throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx-" + content.strip()));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /app/\n");
    Files.writeString(ctx.resolve("hello.txt"), content);
    return ctx;
  }

  private Cli build(Path ctx, String... more) throws Exception {
    List<String> argv = new ArrayList<>(List.of("build", ctx.toString(), "--root", tmp.resolve("state").toString(),
        "--progress", "quiet"));
    argv.addAll(List.of(more));
    Cli r = Cli.run(argv.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r;
  }

  private static List<String> refNames(Path layout) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode m : JSON.readTree(layout.resolve("index.json").toFile()).get("manifests")) {
      out.add(m.path("annotations").path("org.opencontainers.image.ref.name").asText());
    }
    return out;
  }

  @Test
  void anImageLayoutKeepsItsOtherImagesAndReplacesTheSameName() throws Exception {
    Path layout = tmp.resolve("layout");
    Path meta = tmp.resolve("meta.json");
    build(context("one\n"), "-o", "type=oci,tar=false,dest=" + layout + ",name=other:1");
    build(context("two\n"), "-o", "type=oci,tar=false,dest=" + layout + ",name=app:v1");
    build(context("three\n"), "-o", "type=oci,tar=false,dest=" + layout + ",name=app:v1", "--metadata-file", meta.toString());
    assertThat(refNames(layout)).containsExactly("1", "v1");
    String digest = JSON.readTree(meta.toFile()).get("containerimage.digest").asText();
    assertThat(JSON.readTree(Tool.run("skopeo", "inspect", "oci:" + layout + ":v1")).get("Digest").asText()).isEqualTo(digest);
    Tool.run("umoci", "unpack", "--image", layout + ":1", tmp.resolve("bundle").toString());
    assertThat(tmp.resolve("bundle/rootfs/app/hello.txt")).hasContent("one");
  }

  @Test
  void aLocalCacheKeepsItsOtherTags() throws Exception {
    Path cache = tmp.resolve("cache");
    Path ctx = context("one\n");
    build(ctx, "--export-cache", "type=local,dest=" + cache + ",tag=a");
    build(ctx, "--export-cache", "type=local,dest=" + cache + ",tag=b");
    build(context("two\n"), "--export-cache", "type=local,dest=" + cache + ",tag=a");
    assertThat(refNames(cache)).containsExactly("b", "a");
    Path out = tmp.resolve("out");
    build(ctx, "--import-cache", "type=local,src=" + cache + ",tag=b", "-o", "type=local,dest=" + out);
    assertThat(out.resolve("app/hello.txt")).hasContent("one");
  }
}
