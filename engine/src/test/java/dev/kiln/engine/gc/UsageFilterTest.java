package dev.kiln.engine.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageFilterTest {
  private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  private static final UsageRecord LOCAL = new UsageRecord("abc", List.of("p1"), 10, false, false, true,
      NOW.minus(Duration.ofHours(50)), Optional.of(NOW.minus(Duration.ofHours(49))), 3, "local source for context",
      RecordType.SOURCE_LOCAL);
  private static final UsageRecord MOUNT = new UsageRecord("cachemount:x", List.of(), 10, false, true, false,
      NOW, Optional.of(NOW), 1, "cached mount with id \"go\"", RecordType.EXEC_CACHEMOUNT);

  private static boolean matches(UsageRecord r, String... filters) {
    return UsageFilter.parse(List.of(filters), NOW).matches(r);
  }

  @Test
  void fieldsAndOperators() {
    assertThat(matches(LOCAL, "type==source.local")).isTrue();
    assertThat(matches(LOCAL, "type=source.local")).isTrue();
    assertThat(matches(LOCAL, "type!=source.local")).isFalse();
    assertThat(matches(LOCAL, "id==abc")).isTrue();
    assertThat(matches(LOCAL, "description~=^local")).isTrue();
    assertThat(matches(LOCAL, "parents==p1")).isTrue();
    assertThat(matches(MOUNT, "inuse")).isTrue();
    assertThat(matches(LOCAL, "inuse")).isFalse();
    assertThat(matches(LOCAL, "shared")).isTrue();
    assertThat(matches(MOUNT, "private")).isTrue();
  }

  @Test
  void sameFieldTermsAreAlternativesAndDifferentFieldsAllMustHold() {
    assertThat(matches(MOUNT, "type==source.local,type==exec.cachemount")).isTrue();
    assertThat(matches(MOUNT, "type==source.local", "type==exec.cachemount")).isTrue();
    assertThat(matches(MOUNT, "type==exec.cachemount,id==abc")).isFalse();
    assertThat(matches(MOUNT)).isTrue();
  }

  @Test
  void unusedForMeasuresFromLastUse() {
    assertThat(matches(LOCAL, "unused-for=48h")).isTrue();
    assertThat(matches(LOCAL, "until=50h")).isFalse();
    assertThat(matches(LOCAL, "unused-for=1h30m")).isTrue();
  }

  @Test
  void badFiltersAreNamed() {
    assertThatThrownBy(() -> matches(LOCAL, "colour==red")).hasMessageContaining("unknown field 'colour'");
    assertThatThrownBy(() -> matches(LOCAL, "unused-for=two days")).hasMessageContaining("invalid duration");
    assertThatThrownBy(() -> matches(LOCAL, "description~=(")).hasMessageContaining("invalid filter");
  }
}
