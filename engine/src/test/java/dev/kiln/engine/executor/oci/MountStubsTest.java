package dev.kiln.engine.executor.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountStubsTest {
  @TempDir Path root;

  @Test
  void recordsTheLeafOrTheWholeMissingChainDeepestFirst() throws Exception {
    Files.createDirectories(root.resolve("a"));
    assertThat(MountStubs.record(root, List.of("/a/b/c", "/a"), false).paths())
        .containsExactly(root.resolve("a/b/c"));
    assertThat(MountStubs.record(root, List.of("/a/b/c"), true).paths())
        .containsExactly(root.resolve("a/b/c"), root.resolve("a/b"));
  }

  @Test
  void removesEmptyStubsOnlyAndKeepsTheParentMtime() throws Exception {
    MountStubs stubs = MountStubs.record(root, List.of("/d/e", "/f", "/g"), true);
    Files.createDirectories(root.resolve("d/e")); // what runc would create
    Files.createFile(root.resolve("f"));
    Files.writeString(root.resolve("g"), "written by the process");
    FileTime before = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(root, before);
    stubs.remove();
    assertThat(root.resolve("d")).doesNotExist();
    assertThat(root.resolve("f")).doesNotExist();
    assertThat(root.resolve("g")).hasContent("written by the process");
    assertThat(Files.getLastModifiedTime(root)).isEqualTo(before);
  }

  @Test
  void nonEmptyDirectoriesStay() throws Exception {
    MountStubs stubs = MountStubs.record(root, List.of("/m/n"), true);
    Files.createDirectories(root.resolve("m/n"));
    Files.writeString(root.resolve("m/kept"), "x");
    stubs.remove();
    assertThat(root.resolve("m/n")).doesNotExist();
    assertThat(root.resolve("m/kept")).exists();
  }
}
