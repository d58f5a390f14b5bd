package dev.kiln.engine.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a worker's opening that run side by side, and what a failing one leaves behind. */
class WorkerOpeningTest {
  @TempDir Path root;

  @Test
  void aDatabaseThatCannotOpenFailsTheOpeningAndLeavesTheStateUnlocked() throws IOException {
    Files.write(root.resolve("metadata.db"), "not a database, not even close to one".repeat(100).getBytes());

    assertThatThrownBy(() -> Worker.open(EngineConfig.at(root)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot open the metadata database in " + root);

    Files.delete(root.resolve("metadata.db"));
    try (Worker worker = Worker.open(EngineConfig.at(root))) {
      assertThat(worker.snapshotter()).isNotEmpty();
    }
  }

  @Test
  void anOpeningSweepsTheTemporaryDirectoriesAndOpensTheDatabase() throws IOException {
    Files.createDirectories(root.resolve("tmp/left-by-a-crash"));
    Files.createDirectories(root.resolve("mount-points"));
    Files.writeString(root.resolve("mount-points/stale"), "x");

    try (Worker worker = Worker.open(EngineConfig.at(root))) {
      assertThat(root.resolve("tmp")).isEmptyDirectory();
      assertThat(root.resolve("mount-points")).isEmptyDirectory();
      assertThat(worker.collector().usage(java.util.List.of())).isEmpty();
    }
    // closed: the next process opens it
    Worker.open(EngineConfig.at(root)).close();
  }
}
