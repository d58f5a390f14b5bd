package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.snapshot.SnapshotInUseException;
import dev.kiln.engine.snapshot.SnapshotStore;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing a build holds or the cache points at can be removed; once both let go, it can. */
class SnapshotsInUseTest {
  @TempDir Path tmp;

  @Test
  void aResultHeldByABuildOrPointedAtByTheCacheIsNotRemoved() throws Exception {
    Definition def = State.scratch().file(FileAction.mkfile("/f", 0644, "x".getBytes(StandardCharsets.UTF_8)))
        .marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64));
    try (Engine engine = Engine.open(EngineConfig.at(tmp.resolve("state")))) {
      SnapshotStore store = engine.worker().refs().store();
      String id;
      try (SolveResult r = engine.solve(def, SolveRequest.of(BuildInputs.NONE))) {
        id = r.snapshotId();
        assertThatThrownBy(() -> store.remove(id)).isInstanceOf(SnapshotInUseException.class)
            .hasMessageContaining("held by a running build");
        try (SolveResult again = engine.solve(def, SolveRequest.of(BuildInputs.NONE))) {
          assertThat(again.cached()).isTrue();
        }
        assertThatThrownBy(() -> store.remove(id)).as("one build letting go leaves the other's hold")
            .hasMessageContaining("held by a running build");
      }
      assertThatThrownBy(() -> store.remove(id)).isInstanceOf(SnapshotInUseException.class)
          .hasMessageContaining("cache record");
      assertThat(store.exists(id)).isTrue();

      // A collector drops the records first; then nothing refers to the snapshot.
      engine.worker().solver().storage().removeResult(SnapshotRefs.resultId(id));
      store.remove(id);
      assertThat(store.exists(id)).isFalse();
      try (SolveResult rebuilt = engine.solve(def, SolveRequest.of(BuildInputs.NONE))) {
        assertThat(rebuilt.cached()).isFalse();
      }
    }
  }
}
