package dev.kiln.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.metadata.Database;
import dev.kiln.engine.metadata.KilnSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour every snapshot driver must give the store; each driver's test extends this. */
abstract class SnapshotStoreContract {
  @TempDir Path root;
  private Database db;

  abstract SnapshotDriver driver();

  SnapshotStore open() throws Exception {
    if (db != null) db.close();
    db = Database.open(root.resolve("metadata.db"), KilnSchema.SCHEMA);
    return new SnapshotStore(root.resolve("snapshots"), db, driver());
  }

  @AfterEach
  void closeDb() throws Exception {
    if (db != null) db.close();
  }

  MountedTree mount(SnapshotStore s, String id, boolean readonly) throws IOException {
    return MountedTree.mount(s.mounts(id, readonly), root.resolve("tmp"));
  }

  @Test
  void childSeesParentAndItsOwnChanges() throws Exception {
    SnapshotStore s = open();
    String base = s.prepare(null);
    try (MountedTree t = mount(s, base, false)) {
      Files.createDirectories(t.root().resolve("etc"));
      Files.writeString(t.root().resolve("etc/a"), "a");
      Files.writeString(t.root().resolve("etc/b"), "b");
    }
    s.commit(base);
    String child = s.prepare(base);
    try (MountedTree t = mount(s, child, false)) {
      assertThat(Files.readString(t.root().resolve("etc/a"))).isEqualTo("a");
      Files.delete(t.root().resolve("etc/b"));
      Files.writeString(t.root().resolve("c"), "c");
    }
    s.commit(child);
    try (MountedTree t = mount(s, child, true)) {
      assertThat(Files.exists(t.root().resolve("etc/b"))).isFalse();
      assertThat(Files.readString(t.root().resolve("c"))).isEqualTo("c");
      assertThat(Files.readString(t.root().resolve("etc/a"))).isEqualTo("a");
    }
    try (MountedTree t = mount(s, base, true)) {
      assertThat(Files.readString(t.root().resolve("etc/b"))).isEqualTo("b");
      assertThat(Files.exists(t.root().resolve("c"))).isFalse();
    }
  }

  @Test
  void snapshotsSurviveReopening() throws Exception {
    SnapshotStore s = open();
    String id = s.prepare(null);
    try (MountedTree t = mount(s, id, false)) {
      Files.writeString(t.root().resolve("kept"), "yes");
    }
    s.commit(id);
    SnapshotStore reopened = open();
    reopened.sweep();
    assertThat(reopened.exists(id)).isTrue();
    try (MountedTree t = mount(reopened, id, true)) {
      assertThat(Files.readString(t.root().resolve("kept"))).isEqualTo("yes");
    }
  }

  @Test
  void sweepRemovesWhatACrashLeftBehind() throws Exception {
    SnapshotStore s = open();
    String committed = s.prepare(null);
    s.commit(committed);
    String active = s.prepare(committed);
    Path stray = Files.createDirectories(root.resolve("snapshots/0123456789abcdef0123456789abcdef"));
    SnapshotStore reopened = open();
    reopened.sweep();
    assertThat(reopened.exists(committed)).isTrue();
    assertThat(Files.exists(reopened.dir(active))).isFalse();
    assertThat(Files.exists(stray)).isFalse();
    assertThatThrownBy(() -> reopened.parent(active)).isInstanceOf(IOException.class);
  }

  @Test
  void aChainIsCommittedTogetherOrSweptTogether() throws Exception {
    SnapshotStore s = open();
    String base = s.prepare(null);
    try (MountedTree t = mount(s, base, false)) {
      Files.writeString(t.root().resolve("base"), base);
    }
    String top = s.prepare(base); // on an active parent
    try (MountedTree t = mount(s, top, false)) {
      Files.writeString(t.root().resolve("top"), top);
    }
    String left = s.prepare(null);
    String leftTop = s.prepare(left);
    s.commitAll(List.of(base, top), "regular", List.of("first", "second"));
    assertThat(s.exists(base)).isTrue();
    assertThat(s.exists(top)).isTrue();
    try (MountedTree t = mount(s, top, true)) {
      assertThat(Files.readString(t.root().resolve("base"))).isEqualTo(base);
      assertThat(Files.readString(t.root().resolve("top"))).isEqualTo(top);
    }
    SnapshotStore reopened = open(); // a crash before the second chain's commit
    reopened.sweep();
    assertThat(reopened.exists(top)).isTrue();
    assertThat(Files.exists(reopened.dir(left))).isFalse();
    assertThat(Files.exists(reopened.dir(leftTop))).isFalse();
  }

  @Test
  void aParentCannotBeRemovedBeforeItsChildren() throws Exception {
    SnapshotStore s = open();
    String parent = s.prepare(null);
    s.commit(parent);
    String child = s.prepare(parent);
    s.commit(child);
    assertThatThrownBy(() -> s.remove(parent)).hasMessageContaining("still has children");
    s.remove(child);
    s.remove(parent);
    assertThat(Files.exists(s.dir(parent))).isFalse();
  }

  @Test
  void heldLeasedOrReferencedSnapshotsAreNotRemoved() throws Exception {
    SnapshotStore s = open();
    String id = s.prepare(null);
    s.commit(id);

    assertThat(s.hold(id)).isTrue();
    assertThat(s.hold(id)).isTrue();
    s.release(id);
    assertThatThrownBy(() -> s.remove(id)).isInstanceOf(SnapshotInUseException.class)
        .hasMessageContaining("held by a running build");
    s.release(id);

    Leases leases = new Leases(db);
    Leases.Lease export = leases.acquire(null);
    export.add(Leases.SNAPSHOT, id);
    assertThatThrownBy(() -> s.remove(id)).isInstanceOf(SnapshotInUseException.class)
        .hasMessageContaining("lease " + export.id());
    export.close();
    leases.acquire(Duration.ofSeconds(-60)).add(Leases.SNAPSHOT, id); // already expired

    boolean[] referenced = {true};
    s.addReferrer(snapshot -> referenced[0] && snapshot.equals(id) ? Optional.of("a test points at it") : Optional.empty());
    assertThatThrownBy(() -> s.remove(id)).hasMessageContaining("a test points at it");
    referenced[0] = false;

    s.remove(id); // an expired lease holds nothing
    assertThat(s.exists(id)).isFalse();
    assertThat(Files.exists(s.dir(id))).isFalse();
  }
}
