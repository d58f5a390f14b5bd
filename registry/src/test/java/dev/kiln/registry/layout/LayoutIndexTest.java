package dev.kiln.registry.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index.json} updates as buildctl's {@code ociindex.Put} makes them. */
class LayoutIndexTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static JsonNode descriptor(String hex) throws Exception {
    return JSON.readTree("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" + hex
        + "\",\"size\":12}");
  }

  private List<String> entries() throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode m : JSON.readTree(dir.resolve("index.json").toFile()).get("manifests")) {
      JsonNode a = m.path("annotations");
      out.add(m.get("digest").asText().substring(7, 8) + " " + a.path(LayoutIndex.IMAGE_NAME).asText("-") + " "
          + a.path(LayoutIndex.REF_NAME).asText("-"));
    }
    return out;
  }

  @Test
  void keepsOtherEntriesAndReplacesTheSameName() throws Exception {
    Files.writeString(dir.resolve("index.json"), """
        {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",
        "digest":"sha256:%s","size":3,"annotations":{"org.opencontainers.image.ref.name":"other"}}]}
        """.formatted("0".repeat(64)));
    String a = "a".repeat(64);
    String b = "b".repeat(64);
    LayoutIndex.put(dir, descriptor(a), List.of(new LayoutIndex.Name.Image("docker.io/library/app:v1")));
    LayoutIndex.put(dir, descriptor(a), List.of(new LayoutIndex.Name.Tag("latest")));
    LayoutIndex.put(dir, descriptor(b), List.of(new LayoutIndex.Name.Image("docker.io/library/app:v1")));
    assertThat(entries()).containsExactly("0 - other", "a - latest", "b docker.io/library/app:v1 v1");
    JsonNode root = JSON.readTree(dir.resolve("index.json").toFile());
    assertThat(root.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(dir.resolve("oci-layout")).hasContent("{\"imageLayoutVersion\":\"1.0.0\"}");
    assertThat(dir.resolve("index.json.lock")).doesNotExist();
    // A cache import resolves a tag: an image name first, then a ref name.
    assertThat(LayoutIndex.digest(dir, "docker.io/library/app:v1")).contains("sha256:" + b);
    assertThat(LayoutIndex.digest(dir, "latest")).contains("sha256:" + a);
    assertThat(LayoutIndex.digest(dir, "nope")).isEmpty();
  }

  @Test
  void withoutANameTheDescriptorIsAddedAsItIs() throws Exception {
    LayoutIndex.put(dir, descriptor("c".repeat(64)), List.of());
    assertThat(entries()).containsExactly("c - -");
  }

  @Test
  void theRefNameIsWhatFollowsTheRepository() {
    assertThat(LayoutIndex.referenceObject("docker.io/library/app:v1")).isEqualTo("v1");
    assertThat(LayoutIndex.referenceObject("127.0.0.1:5000/team/app:2")).isEqualTo("2");
    assertThat(LayoutIndex.referenceObject("reg.example/app@sha256:abc")).isEqualTo("@sha256:abc");
  }
}
