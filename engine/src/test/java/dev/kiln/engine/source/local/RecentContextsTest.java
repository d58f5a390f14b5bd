package dev.kiln.engine.source.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.cache.contenthash.ContentHasher;
import dev.kiln.engine.cache.contenthash.LocalContextChecksums;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentContextsTest {
  private final ContentHasher hasher = new ContentHasher(1);
  private final List<Path> opened = new ArrayList<>();
  private final RecentContexts contexts = new RecentContexts(2, dir -> {
    opened.add(dir);
    return new LocalContextChecksums(hasher, dir);
  });

  @Test
  void keepsTheMostRecentlyUsedDirectoriesOnly() {
    Path a = Path.of("/ctx/a");
    Path b = Path.of("/ctx/b");
    Path c = Path.of("/ctx/c");
    LocalContextChecksums first = contexts.of(a);
    contexts.of(b);
    assertThat(contexts.of(a)).as("held: the same state").isSameAs(first);
    contexts.of(c); // b is now the least recently used
    assertThat(contexts.size()).isEqualTo(2);
    assertThat(contexts.of(a)).isSameAs(first);
    contexts.of(b);
    assertThat(opened).as("b opened again after it was dropped").containsExactly(a, b, c, b);
  }

  @Test
  void manyDirectoriesStayWithinTheCapacity() {
    for (int i = 0; i < 1_000; i++) {
      contexts.of(Path.of("/ctx/" + i));
    }
    assertThat(contexts.size()).isEqualTo(2);
  }
}
