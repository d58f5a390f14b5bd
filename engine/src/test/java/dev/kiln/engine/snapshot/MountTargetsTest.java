package dev.kiln.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTargetsTest {
  @TempDir Path dir;

  @Test
  void aGivenBackDirectoryIsTakenAgain() throws Exception {
    MountTargets targets = new MountTargets(dir.resolve("tmp"), 2);
    Path first = targets.take();
    assertThat(first).isEmptyDirectory().hasParent(dir.resolve("tmp"));
    targets.giveBack(first);
    assertThat(first).isDirectory();
    assertThat(targets.take()).isEqualTo(first);
  }

  @Test
  void directoriesInUseAreDistinct() throws Exception {
    MountTargets targets = new MountTargets(dir, 2);
    assertThat(targets.take()).isNotEqualTo(targets.take());
  }

  @Test
  void onlyKeepIdleDirectoriesAreKept() throws Exception {
    MountTargets targets = new MountTargets(dir, 1);
    Path a = targets.take();
    Path b = targets.take();
    targets.giveBack(a);
    targets.giveBack(b);
    assertThat(a).isDirectory();
    assertThat(b).doesNotExist();
    assertThat(targets.idle()).isEqualTo(1);
  }

  @Test
  void withoutKeepingEachDirectoryIsRemovedWhenGivenBack() throws Exception {
    MountTargets targets = new MountTargets(dir, 0);
    Path a = targets.take();
    targets.giveBack(a);
    assertThat(a).doesNotExist();
  }

  @Test
  void clearRemovesIdleDirectoriesAndThoseGivenBackLater() throws Exception {
    MountTargets targets = new MountTargets(dir, 4);
    Path idle = targets.take();
    Path inUse = targets.take();
    targets.giveBack(idle);
    targets.clear();
    targets.giveBack(inUse);
    try (var left = Files.list(dir)) {
      assertThat(left.toList()).isEmpty();
    }
  }
}
