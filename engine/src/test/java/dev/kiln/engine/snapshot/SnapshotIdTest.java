package dev.kiln.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnapshotIdTest {
  private static final String ID = "0123456789abcdef0123456789abcdef";

  @Test
  void idsAre32LowercaseHexDigits() {
    assertThat(SnapshotStore.isId(ID)).isTrue();
    for (String bad : new String[] {
      "", ID.substring(1), ID + "0", ID.toUpperCase(), ID.replace('a', 'g'), ID.replace('0', '/'),
      ID.replace('9', ':'), ID.replace('f', '`'), "../" + ID.substring(3), ID.substring(1) + "/"}) {
      assertThat(SnapshotStore.isId(bad)).as(bad).isFalse();
    }
  }
}
