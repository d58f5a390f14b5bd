package dev.kiln.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatternMatcherTest {
  private static boolean m(String path, String... patterns) {
    return PatternMatcher.of(List.of(patterns)).matches(path);
  }

  @Test
  void goMatchSyntax() {
    assertThat(m("a.txt", "*.txt")).isTrue();
    assertThat(m("dir/a.txt", "*.txt")).isFalse();
    assertThat(m("a1", "a?")).isTrue();
    assertThat(m("ab", "a[a-c]")).isTrue();
    assertThat(m("ad", "a[^a-c]")).isTrue();
    assertThat(m("a*", "a\\*")).isTrue();
    assertThat(m("ab", "a\\*")).isFalse();
    assertThat(m("a.b", "a.b")).isTrue();
    assertThat(m("axb", "a.b")).isFalse();
    assertThat(m("a(b)+{c}$|", "a(b)+{c}$|")).isTrue();
  }

  @Test
  void doubleStar() {
    assertThat(m("a/b/c/x.go", "**/*.go")).isTrue();
    assertThat(m("x.go", "**/*.go")).isTrue();
    assertThat(m("a/b/c", "a/**")).isTrue();
    assertThat(m("a/x/y/z", "a/**/z")).isTrue();
    assertThat(m("a/z", "a/**/z")).isTrue();
    assertThat(m("anything/at/all", "**")).isTrue();
  }

  @Test
  void parentDirectoryMatchCoversChildren() {
    assertThat(m("vendor/lib/x.c", "vendor")).isTrue();
    assertThat(m("src/vendor/x", "vendor")).isFalse();
  }

  @Test
  void exclusionsAndOrder() {
    assertThat(m("docs/a.md", "*.md", "docs", "!docs/a.md")).isFalse();
    assertThat(m("docs/b.md", "docs", "!docs/a.md")).isTrue();
    assertThat(m("x.md", "!x.md", "*.md")).isTrue();
    assertThat(PatternMatcher.of(List.of("a", "!b")).hasExclusions()).isTrue();
  }

  @Test
  void cleansPatternsAndSkipsBlank() {
    assertThat(m("a/b", "./a/b/")).isTrue();
    assertThat(m("a/b", "/a/b")).isTrue();
    assertThat(PatternMatcher.of(List.of("", "  ")).isEmpty()).isTrue();
  }

  @Test
  void parentResultsGiveTheSameAnswer() {
    PatternMatcher pm = PatternMatcher.of(List.of("a", "!a/b", "a/b/c", "**/*.txt", "!x/y.txt"));
    for (String path : List.of("a/b/c/d", "a/b/e", "x/y.txt", "x/z.txt", "q/r")) {
      String[] parts = path.split("/");
      PatternMatcher.Match info = PatternMatcher.Match.NONE;
      String prefix = "";
      for (String part : parts) {
        prefix = prefix.isEmpty() ? part : prefix + "/" + part;
        info = pm.matches(prefix, info);
      }
      assertThat(info.matched()).as(path).isEqualTo(pm.matches(path));
    }
  }

  @Test
  void badPatternsAreRejected() {
    assertThatThrownBy(() -> PatternMatcher.of(List.of("[a-")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[a-");
    assertThatThrownBy(() -> PatternMatcher.of(List.of("!")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
