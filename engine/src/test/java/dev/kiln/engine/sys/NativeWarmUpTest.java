package dev.kiln.engine.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeWarmUpTest {
  @TempDir Path dir;

  @Test
  void itChangesNothingAndNeverThrows() throws Exception {
    Files.writeString(dir.resolve("f"), "x");
    assertThatCode(() -> NativeWarmUp.run(dir)).doesNotThrowAnyException();
    assertThatCode(() -> NativeWarmUp.run(dir.resolve("missing"))).doesNotThrowAnyException();
    try (var entries = Files.list(dir)) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList()).containsExactly("f");
    }
    assertThat(PosixFiles.lstat(dir).isDirectory()).isTrue();
  }
}
