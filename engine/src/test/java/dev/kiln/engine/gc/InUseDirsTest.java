package dev.kiln.engine.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InUseDirsTest {
  @TempDir Path root;

  @Test
  void aDirectoryInUseOrUsedSinceTheFenceStays() throws Exception {
    InUseDirs dirs = new InUseDirs(root);
    Path mirror = root.resolve("abc");
    InUseDirs.Use use = dirs.use(mirror, "shared git repo for x");
    Files.createDirectories(mirror.resolve("objects"));
    assertThat(dirs.list()).singleElement().extracting(InUseDirs.Entry::inUse).isEqualTo(true);
    assertThat(dirs.removeIfUnusedSince("abc", Long.MAX_VALUE)).isFalse();
    use.close();
    assertThat(dirs.list()).singleElement().satisfies(e -> {
      assertThat(e.inUse()).isFalse();
      assertThat(e.description()).isEqualTo("shared git repo for x");
    });
    long usedAt = Files.getLastModifiedTime(mirror).toMillis();
    assertThat(dirs.removeIfUnusedSince("abc", usedAt)).isFalse(); // a build that started before its last use runs
    assertThat(dirs.removeIfUnusedSince("abc", usedAt + 1)).isTrue();
    assertThat(mirror).doesNotExist();
    assertThat(dirs.list()).isEmpty();
  }

  @Test
  void aHalfRemovedDirectoryGoesAtTheNextStart() throws Exception {
    Files.createDirectories(root.resolve(".removing-abc/objects"));
    Files.createDirectories(root.resolve("def"));
    new InUseDirs(root);
    try (var left = Files.list(root)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("def");
    }
  }
}
