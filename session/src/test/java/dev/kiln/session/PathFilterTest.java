package dev.kiln.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.session.fsutil.PathFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathFilterTest {
  @Test
  void excludesWithExceptions() {
    PathFilter f = PathFilter.of(List.of(), List.of("*.log", "!keep.log", "build/**"), List.of());
    assertThat(f.accepts("a.log")).isFalse();
    assertThat(f.accepts("keep.log")).isTrue();
    assertThat(f.accepts("build/x/y")).isFalse();
    assertThat(f.accepts("src/a.java")).isTrue();
  }

  @Test
  void followPathsSelectPathsAndWhatIsBelow() {
    PathFilter f = PathFilter.of(List.of(), List.of(), List.of("Dockerfile", "app/src"));
    assertThat(f.accepts("Dockerfile")).isTrue();
    assertThat(f.accepts("Dockerfile.dockerignore")).isFalse();
    assertThat(f.mayContain("app")).isTrue();
    assertThat(f.accepts("app/src/main.c")).isTrue();
    assertThat(f.mayContain("other")).isFalse();
  }

  @Test
  void includePatterns() {
    PathFilter f = PathFilter.of(List.of("**/*.txt"), List.of(), List.of());
    assertThat(f.accepts("a/b/c.txt")).isTrue();
    assertThat(f.accepts("c.txt")).isTrue();
    assertThat(f.accepts("c.bin")).isFalse();
  }
}
