package dev.kiln.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.snapshot.overlay.OverlayDriver;
import dev.kiln.engine.sys.Xattrs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Needs root and overlayfs, as the engine does when it picks this driver. */
class OverlaySnapshotStoreTest extends SnapshotStoreContract {
  private static final FileTime OLD = FileTime.fromMillis(1_000_000_000L);

  @Override
  SnapshotDriver driver() {
    return new OverlayDriver(true, root.resolve("mount-points"));
  }

  /** A committed base with {@code etc/passwd}, {@code etc} dated {@link #OLD}. */
  private String base(SnapshotStore s) throws Exception {
    String base = s.prepare(null);
    try (MountedTree t = mount(s, base, false)) {
      Files.createDirectories(t.root().resolve("etc"));
      Files.writeString(t.root().resolve("etc/passwd"), "root:x:0:0::/:/bin/sh\n");
      Files.setLastModifiedTime(t.root().resolve("etc"), OLD);
    }
    s.commit(base);
    return base;
  }

  @Test
  void aDirectoryCopiedUpOnlyForAMountPointLeavesNoChange() throws Exception {
    SnapshotStore s = open();
    String child = s.prepare(base(s));
    try (MountedTree t = mount(s, child, false)) {
      Path etc = t.root().resolve("etc");
      BasicFileAttributes before = Files.readAttributes(etc, BasicFileAttributes.class);
      Files.createFile(etc.resolve("hosts")); // what a mount point does to its parent
      Files.delete(etc.resolve("hosts"));
      Files.getFileAttributeView(etc, BasicFileAttributeView.class)
          .setTimes(before.lastModifiedTime(), before.lastAccessTime(), null);
      assertThat(s.changesDir(child).resolve("etc")).isDirectory();
    }
    s.commit(child, true);
    assertThat(s.changesDir(child)).isEmptyDirectory();
    try (MountedTree t = mount(s, child, true)) {
      assertThat(t.root().resolve("etc/passwd")).exists();
      assertThat(Files.getLastModifiedTime(t.root().resolve("etc"))).isEqualTo(OLD);
    }
  }

  @Test
  void aMountPointIsReusedEmptyAfterTheUnmount() throws Exception {
    SnapshotStore s = open();
    String child = s.prepare(base(s));
    MountTargets targets = new MountTargets(root.resolve("tmp"), 1);
    Path first;
    try (MountedTree t = MountedTree.mount(s.mounts(child, false), targets)) {
      first = t.root();
      Files.writeString(t.root().resolve("written"), "w");
    }
    assertThat(first).isEmptyDirectory();
    try (MountedTree t = MountedTree.mount(s.mounts(child, true), targets)) {
      assertThat(t.root()).isEqualTo(first);
      assertThat(t.root().resolve("written")).hasContent("w");
      assertThat(t.root().resolve("etc/passwd")).exists();
    }
    targets.clear();
    assertThat(first).doesNotExist();
  }

  @Test
  void realChangesStay() throws Exception {
    SnapshotStore s = open();
    String child = s.prepare(base(s));
    try (MountedTree t = mount(s, child, false)) {
      Path etc = t.root().resolve("etc");
      Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwx------"));
      Files.setLastModifiedTime(etc, OLD);
      Files.createDirectory(t.root().resolve("new"));
      Files.writeString(t.root().resolve("new-file"), "12345");
    }
    s.commit(child, true);
    assertThat(s.changesDir(child).resolve("etc")).isDirectory(); // its mode changed
    assertThat(s.changesDir(child).resolve("new")).isDirectory(); // not in the parent at all
    assertThat(s.changesDir(child).resolve("new-file")).hasContent("12345");
  }

  @Test
  void anOpaqueDirectoryStaysEvenWhenItLooksLikeTheOneItHides() throws Exception {
    SnapshotStore s = open();
    String child = s.prepare(base(s));
    Path etc = Files.createDirectory(s.changesDir(child).resolve("etc"));
    Xattrs.set(etc, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
    Files.setLastModifiedTime(etc, OLD);
    s.commit(child, true);
    assertThat(etc).isDirectory();
    try (MountedTree t = mount(s, child, true)) {
      assertThat(t.root().resolve("etc/passwd")).doesNotExist();
    }
  }

  @Test
  void withoutTheOptionCopiesStay() throws Exception {
    SnapshotStore s = open();
    String child = s.prepare(base(s));
    Files.createDirectory(s.changesDir(child).resolve("etc"));
    Files.setLastModifiedTime(s.changesDir(child).resolve("etc"), OLD);
    s.commit(child);
    assertThat(s.changesDir(child).resolve("etc")).isDirectory();
  }

  @Test
  void missingMountPointsComeFromALayerOfTheirOwn() throws Exception {
    SnapshotStore s = open();
    String child = s.prepare(base(s));
    var mounts = s.mountsWithMountPoints(child, java.util.List.of("/etc/hosts", "/etc/passwd", "/none/x"));
    try (MountedTree t = MountedTree.mount(mounts, root.resolve("tmp"))) {
      assertThat(t.root().resolve("etc/hosts")).isEmptyFile();
      assertThat(t.root().resolve("etc/passwd")).hasContent("root:x:0:0::/:/bin/sh\n");
      assertThat(t.root().resolve("none")).doesNotExist();
      assertThat(Files.getLastModifiedTime(t.root().resolve("etc"))).isEqualTo(OLD);
      Files.writeString(t.root().resolve("etc/new"), "n");
    }
    s.commit(child, true);
    assertThat(s.changesDir(child).resolve("etc/hosts")).doesNotExist();
    assertThat(s.changesDir(child).resolve("etc/new")).hasContent("n");
    try (MountedTree t = mount(s, child, true)) {
      assertThat(t.root().resolve("etc/hosts")).doesNotExist();
      assertThat(t.root().resolve("etc/passwd")).exists();
    }
    String again = s.prepare(s.parent(child).orElseThrow());
    try (MountedTree t = MountedTree.mount(s.mountsWithMountPoints(again, java.util.List.of("/etc/hosts")), root.resolve("tmp"))) {
      assertThat(t.root().resolve("etc/hosts")).isEmptyFile();
    }
    s.commit(again, true);
    assertThat(s.changesDir(again)).isEmptyDirectory();
    try (var layers = Files.list(root.resolve("mount-points"))) {
      assertThat(layers.toList()).hasSize(1); // the same need (only /etc/hosts is missing) shares its layer
    }
  }
}
