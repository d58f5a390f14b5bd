package dev.kiln.llb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoJsonTest {
  private static String quote(String s) {
    StringBuilder out = new StringBuilder();
    GoJson.string(s, out);
    return out.toString();
  }

  @Test
  void escapesLikeGoEncoderWithHtmlEscaping() {
    assertThat(quote("a<b>&c")).isEqualTo("\"a\\u003cb\\u003e\\u0026c\"");
    assertThat(quote("q\"b\\")).isEqualTo("\"q\\\"b\\\\\"");
    assertThat(quote("\n\r\t")).isEqualTo("\"\\n\\r\\t\"");
    // Go 1.19 has no short form for \b and \f.
    assertThat(quote("\b\f\u0000\u001f")).isEqualTo("\"\\u0008\\u000c\\u0000\\u001f\"");
    assertThat(quote("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
  }

  @Test
  void keepsOtherCharactersAsIs() {
    assertThat(quote("é ✓ \uD83D\uDE00 \u007f /")).isEqualTo("\"é ✓ \uD83D\uDE00 \u007f /\"");
  }

  @Test
  void replacesLoneSurrogatesLikeInvalidUtf8() {
    assertThat(quote("a\uD800b")).isEqualTo("\"a\\ufffdb\"");
  }

  @Test
  void bytesAreStandardPaddedBase64() {
    StringBuilder out = new StringBuilder();
    GoJson.bytes(new byte[] {(byte) 0xfb, (byte) 0xff}, out);
    assertThat(out).hasToString("\"+/8=\"");
  }
}
