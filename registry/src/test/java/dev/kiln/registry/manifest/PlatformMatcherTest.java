package dev.kiln.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.registry.Descriptor;
import dev.kiln.registry.Digest;
import dev.kiln.registry.Platform;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformMatcherTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "linux/x86_64, linux/amd64",
    "linux/amd64/v1, linux/amd64",
    "linux/aarch64, linux/arm64",
    "linux/arm64/v8, linux/arm64",
    "linux/armhf, linux/arm/v7",
    "linux/armel, linux/arm/v6",
    "linux/arm, linux/arm/v7",
    "linux/arm/7, linux/arm/v7",
    "linux/i386, linux/386",
    "Linux/AMD64/V3, linux/amd64/v3",
  })
  void normalisesLikeContainerd(String input, String expected) {
    assertThat(Platform.parse(input).toString()).isEqualTo(expected);
  }

  @Test
  void rejectsMalformedPlatforms() {
    assertThatThrownBy(() -> Platform.parse("linux")).hasMessageContaining("\"linux\"");
  }

  @ParameterizedTest(name = "{0} accepts {1}")
  @CsvSource(delimiter = '|', value = {
    "linux/amd64/v3|linux/amd64/v3, linux/amd64/v2, linux/amd64, linux/386",
    "linux/amd64|linux/amd64, linux/386",
    "linux/arm/v7|linux/arm/v7, linux/arm/v6, linux/arm/v5",
    "linux/arm/v8|linux/arm/v8, linux/arm/v7, linux/arm/v6, linux/arm/v5",
    "linux/arm64|linux/arm64, linux/arm/v8, linux/arm/v7, linux/arm/v6, linux/arm/v5",
    "linux/riscv64|linux/riscv64",
  })
  void preferenceVector(String wanted, String accepted) {
    assertThat(PlatformMatcher.only(Platform.parse(wanted)).preference())
        .extracting(Platform::toString)
        .containsExactly(accepted.split(", "));
  }

  @Test
  void picksBestEntryNotFirst() {
    List<Descriptor> index = List.of(
        entry(1, "linux/386"), entry(2, "linux/amd64"), entry(3, "linux/amd64/v2"), entry(4, "linux/arm64"));
    assertThat(best("linux/amd64/v3", index)).contains(3);
    assertThat(best("linux/amd64", index)).contains(2);
    assertThat(best("linux/arm64/v8", index)).contains(4);
    assertThat(best("linux/s390x", index)).isEmpty();
  }

  @Test
  void armFallsBackToOlderVariantsAndSkipsPlatformlessEntries() {
    List<Descriptor> index = List.of(
        new Descriptor("application/vnd.oci.image.manifest.v1+json", digest(9), 1),
        entry(1, "linux/arm/v5"), entry(2, "linux/arm/v6"), entry(3, "linux/amd64"));
    assertThat(best("linux/arm/v7", index)).contains(2);
    assertThat(best("linux/arm64", index)).contains(2);
    assertThat(best("linux/arm/v6", index)).contains(2);
  }

  @Test
  void tiesGoToTheEarlierEntry() {
    assertThat(best("linux/amd64", List.of(entry(1, "linux/amd64"), entry(2, "linux/amd64")))).contains(1);
  }

  private static Optional<Integer> best(String wanted, List<Descriptor> index) {
    return PlatformMatcher.only(Platform.parse(wanted)).best(index)
        .map(d -> Integer.parseInt(d.digest().hex().substring(63)));
  }

  private static Descriptor entry(int n, String platform) {
    return new Descriptor("application/vnd.oci.image.manifest.v1+json", digest(n), 1, Optional.of(Platform.parse(platform)));
  }

  private static Digest digest(int n) {
    return new Digest("sha256", "0".repeat(63) + n);
  }
}
