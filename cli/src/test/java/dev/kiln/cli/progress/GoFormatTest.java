package dev.kiln.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoFormatTest {
  @Test
  void roundsLikeGoPrintf() {
    assertThat(GoFormat.fixed(0.25, 1)).isEqualTo("0.2"); // half-even on the exact value
    assertThat(GoFormat.fixed(0.35, 1)).isEqualTo("0.3"); // 0.35 is 0.34999… in binary
    assertThat(GoFormat.fixed(1.0, 1)).isEqualTo("1.0");
  }

  @Test
  void sizesUseDecimalUnits() {
    assertThat(GoFormat.bytes(0)).isEqualTo("0B");
    assertThat(GoFormat.bytes(999)).isEqualTo("999B");
    assertThat(GoFormat.bytes(1000)).isEqualTo("1.00kB");
    assertThat(GoFormat.bytes(2050)).isEqualTo("2.05kB");
    assertThat(GoFormat.bytes(3_456_789)).isEqualTo("3.46MB");
  }

  @Test
  void logOffsetsLosePrecisionAsTheyGrow() {
    assertThat(GoFormat.logOffset(Duration.ofMillis(87))).isEqualTo("0.087");
    assertThat(GoFormat.logOffset(Duration.ofMillis(12_345))).isEqualTo("12.35");
    assertThat(GoFormat.logOffset(Duration.ofMillis(123_456))).isEqualTo("123.5");
  }

  @Test
  void timesAreRfc3339Nano() {
    assertThat(GoFormat.rfc3339Nano(Instant.ofEpochSecond(1_795_726_169L, 902_140_301))).isEqualTo("2026-11-26T20:49:29.902140301Z");
    assertThat(GoFormat.rfc3339Nano(Instant.ofEpochSecond(1_795_726_169L, 500_000_000))).isEqualTo("2026-11-26T20:49:29.5Z");
    assertThat(GoFormat.rfc3339Nano(Instant.ofEpochSecond(1_795_726_169L))).isEqualTo("2026-11-26T20:49:29Z");
  }

  @Test
  void progressModesParseLikeTheFlag() {
    assertThat(ProgressMode.parse("rawjson")).isEqualTo(ProgressMode.RAWJSON);
    assertThat(ProgressMode.parse("")).isEqualTo(ProgressMode.AUTO);
    assertThat(ProgressMode.AUTO.resolve(true)).isEqualTo(ProgressMode.TTY);
    assertThat(ProgressMode.AUTO.resolve(false)).isEqualTo(ProgressMode.PLAIN);
    assertThatThrownBy(() -> ProgressMode.parse("fancy")).hasMessageContaining("valid: auto, tty, plain, rawjson, quiet");
  }
}
