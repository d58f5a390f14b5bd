package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {
  private static final String D = "sha256:" + "a".repeat(64);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "alpine, docker.io/library/alpine:latest",
    "alpine:3.20, docker.io/library/alpine:3.20",
    "library/alpine, docker.io/library/alpine:latest",
    "user/app:v1, docker.io/user/app:v1",
    "docker.io/alpine, docker.io/library/alpine:latest",
    "index.docker.io/library/alpine, docker.io/library/alpine:latest",
    "localhost/app, localhost/app:latest",
    "localhost:5000/x/y:tag, localhost:5000/x/y:tag",
    "host:5000/x/y:tag, host:5000/x/y:tag",
    "ghcr.io/org/team/app:1.2.3-rc_1, ghcr.io/org/team/app:1.2.3-rc_1",
    "127.0.0.1:5000/a, 127.0.0.1:5000/a:latest",
    "[::1]:5000/a:b, [::1]:5000/a:b",
    "my-registry.example.com/a.b/c__d/e--f, my-registry.example.com/a.b/c__d/e--f:latest",
  })
  void normalises(String input, String expected) {
    assertThat(ImageRef.parse(input).toString()).isEqualTo(expected);
  }

  @Test
  void digestReferencesHaveNoDefaultTag() {
    ImageRef ref = ImageRef.parse("alpine@" + D);
    assertThat(ref.tag()).isEmpty();
    assertThat(ref.digest()).contains(Digest.parse(D));
    assertThat(ref.reference()).isEqualTo(D);
    assertThat(ref.toString()).isEqualTo("docker.io/library/alpine@" + D);
  }

  @Test
  void tagAndDigestTogetherResolveByDigest() {
    ImageRef ref = ImageRef.parse("localhost:5000/app:1.0@" + D);
    assertThat(ref.tag()).contains("1.0");
    assertThat(ref.reference()).isEqualTo(D);
  }

  @Test
  void dockerHubUsesItsApiHost() {
    assertThat(ImageRef.parse("alpine").apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageRef.parse("localhost:5000/a").apiHost()).isEqualTo("localhost:5000");
    assertThat(ImageRef.parse("alpine").repository()).isEqualTo("library/alpine");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
    "Alpine|must be lowercase",
    "docker.io/Library/alpine|must be lowercase",
    "alpine:|invalid tag",
    "alpine:-bad|invalid tag",
    "alpine@sha256:abc|64 lowercase hex",
    "alpine@nodigest|expected algorithm:hex",
    "a//b|invalid repository path component",
    "a/b_|invalid repository path component",
    "-a|invalid repository path component",
    "host:5000/|invalid repository path component",
    ":tag|repository name is empty",
  })
  void rejectsBadReferencesNamingThem(String input, String why) {
    assertThatThrownBy(() -> ImageRef.parse(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + input + "\"")
        .hasMessageContaining(why);
  }

  @Test
  void rejectsOverlongNames() {
    assertThatThrownBy(() -> ImageRef.parse("a/" + "b".repeat(260)))
        .hasMessageContaining("longer than 255");
  }

  @Test
  void derivesRelatedReferences() {
    ImageRef ref = ImageRef.parse("localhost:5000/app:1.0");
    assertThat(ref.at(Digest.parse(D)).toString()).isEqualTo("localhost:5000/app@" + D);
    assertThat(ref.withTag("2.0").toString()).isEqualTo("localhost:5000/app:2.0");
    assertThat(ref.inRepository("other").toString()).isEqualTo("localhost:5000/other:latest");
  }
}
