package dev.kiln.llb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTest {
  private static final String HEX = "0123456789abcdef".repeat(4);

  @Test
  void acceptsSha256WithLowercaseHex() {
    assertThat(Digest.parse("sha256:" + HEX).hex()).isEqualTo(HEX);
    assertThat(Digest.of(new byte[0]).value())
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void refusesAnythingElse() {
    for (String bad : new String[] {
      null, "", "sha256:", "sha256:" + HEX.substring(1), "sha256:" + HEX + "0",
      "sha256:" + HEX.toUpperCase(), "sha512:" + HEX, "SHA256:" + HEX, "sha256:" + HEX.replace('a', 'g'),
      "sha256:" + HEX.replace('0', '/'), "sha256:" + HEX.replace('9', ':'), "sha256:" + HEX.replace('f', '`'),
      "xsha256:" + HEX.substring(1)}) {
      assertThatThrownBy(() -> Digest.parse(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
