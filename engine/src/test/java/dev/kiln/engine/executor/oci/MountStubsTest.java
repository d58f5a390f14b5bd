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

  @Test
  void createMakesTheStubsWhoseParentExistsAndLeavesTheRestToRunc() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    MountStubs stubs = MountStubs.create(root, List.of(
        new MountStubs.Target("/etc/hosts", true),
        new MountStubs.Target("/etc/hosts", true),
        new MountStubs.Target("/cache", false),
        new MountStubs.Target("/deep/er", false)), false);
    assertThat(root.resolve("etc/hosts")).isEmptyFile();
    assertThat(root.resolve("cache")).isEmptyDirectory();
    assertThat(root.resolve("deep")).doesNotExist();
    assertThat(stubs.paths()).contains(root.resolve("etc/hosts"), root.resolve("cache"), root.resolve("deep/er"));
  }

  @Test
  void aParentNothingElseChangedGetsItsTimesFromBeforeTheStubs() throws Exception {
    Path etc = Files.createDirectories(root.resolve("etc"));
    FileTime before = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(etc, before);
    MountStubs stubs = MountStubs.create(root, List.of(
        new MountStubs.Target("/etc/hosts", true), new MountStubs.Target("/etc/resolv.conf", true)), false);
    assertThat(Files.getLastModifiedTime(etc)).isNotEqualTo(before);
    stubs.remove();
    assertThat(etc).isEmptyDirectory();
    assertThat(Files.getLastModifiedTime(etc)).isEqualTo(before);
  }

  @Test
  void aParentTheProcessChangedKeepsItsNewTime() throws Exception {
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.setLastModifiedTime(etc, FileTime.fromMillis(1_000_000));
    MountStubs stubs = MountStubs.create(root, List.of(new MountStubs.Target("/etc/hosts", true)), false);
    Files.writeString(etc.resolve("written"), "by the process");
    FileTime changed = FileTime.fromMillis(2_000_000);
    Files.setLastModifiedTime(etc, changed);
    stubs.remove();
    assertThat(etc.resolve("hosts")).doesNotExist();
    assertThat(Files.getLastModifiedTime(etc)).isEqualTo(changed);
  }
}
