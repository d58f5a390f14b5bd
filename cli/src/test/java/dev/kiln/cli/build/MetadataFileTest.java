package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** buildctl's metadata file: base64 JSON objects embedded, other values as strings, Go's indentation. */
class MetadataFileTest {
  @TempDir Path tmp;

  @Test
  void writesTheResponseAsBuildctlDoes() throws Exception {
    String descriptor = "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:ab\",\"size\":42}";
    Path file = tmp.resolve("meta.json");
    MetadataFile.write(file, Map.of(
        "image.name", "docker.io/library/app:v1",
        "containerimage.digest", "sha256:ab",
        "containerimage.descriptor", Base64.getEncoder().encodeToString(descriptor.getBytes(StandardCharsets.UTF_8))));
    assertThat(Files.readString(file)).isEqualTo("""
        {
          "containerimage.descriptor": {
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": "sha256:ab",
            "size": 42
          },
          "containerimage.digest": "sha256:ab",
          "image.name": "docker.io/library/app:v1"
        }""");
  }

  @Test
  void anEmptyResponseIsAnEmptyObject() throws Exception {
    Path file = tmp.resolve("meta.json");
    MetadataFile.write(file, Map.of());
    assertThat(file).hasContent("{}");
  }
}
