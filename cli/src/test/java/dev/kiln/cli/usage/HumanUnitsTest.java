package dev.kiln.cli.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanUnitsTest {
  @Test
  void sizesAsGoUnitsPrintsThem() {
    assertThat(HumanUnits.size(0)).isEqualTo("0B");
    assertThat(HumanUnits.size(999)).isEqualTo("999B");
    assertThat(HumanUnits.size(1_200_000)).isEqualTo("1.2MB");
    assertThat(HumanUnits.size(52_428_800)).isEqualTo("52.43MB");
    assertThat(HumanUnits.size(2_000_000_000L)).isEqualTo("2GB");
  }

  @Test
  void agesAsGoUnitsPrintsThem() {
    assertThat(HumanUnits.age(Duration.ofMillis(300))).isEqualTo("Less than a second");
    assertThat(HumanUnits.age(Duration.ofSeconds(42))).isEqualTo("42 seconds");
    assertThat(HumanUnits.age(Duration.ofSeconds(70))).isEqualTo("About a minute");
    assertThat(HumanUnits.age(Duration.ofMinutes(61))).isEqualTo("About an hour");
    assertThat(HumanUnits.age(Duration.ofHours(5))).isEqualTo("5 hours");
    assertThat(HumanUnits.age(Duration.ofDays(3))).isEqualTo("3 days");
  }

  @Test
  void parsesSizesAndDurations() {
    assertThat(HumanUnits.parseSize("200", 1_000_000)).isEqualTo(200_000_000L);
    assertThat(HumanUnits.parseSize("10GB", 1)).isEqualTo(10_000_000_000L);
    assertThat(HumanUnits.parseSize("1.5GiB", 1)).isEqualTo(3L << 29);
    assertThat(HumanUnits.parseDuration("48h")).isEqualTo(Duration.ofHours(48));
    assertThat(HumanUnits.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(HumanUnits.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> HumanUnits.parseDuration("2d")).hasMessageContaining("invalid duration");
    assertThatThrownBy(() -> HumanUnits.parseSize("lots", 1)).hasMessageContaining("invalid size");
  }
}
