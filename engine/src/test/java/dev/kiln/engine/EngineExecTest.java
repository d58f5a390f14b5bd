package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.executor.runc.BusyboxRootfs;
import dev.kiln.engine.snapshot.MountedTree;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.engine.worker.EngineConfig;
import dev.kiln.llb.CacheSharing;
import dev.kiln.llb.FileAction;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Network;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import dev.kiln.solver.SolveException;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.VertexEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RUN steps through the whole engine: real runc containers on snapshots, cached by key. Needs root. */
class EngineExecTest {
  @TempDir Path tmp;
  private BuildInputs inputs;

  @BeforeEach
  void rootfs() throws Exception {
    Path rootfs = BusyboxRootfs.create(Files.createDirectories(tmp.resolve("rootfs")));
    inputs = new BuildInputs(Map.of("rootfs", rootfs), Map.of("token", "s3cr3t".getBytes(StandardCharsets.UTF_8)));
  }

  private Engine open() throws Exception {
    return Engine.open(EngineConfig.at(tmp.resolve("state")));
  }

  private static Definition marshal(State s) {
    return s.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t"));
  }

  @Test
  void runsCommandsAndCachesThem() throws Exception {
    State base = State.local("rootfs");
    State built = base.dir("/work").addEnv("GREETING", "hello")
        .run(r -> r.shlex("sh -c 'echo $GREETING > out.txt; id -u >> out.txt'").user("app")).root();
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    try (Engine engine = open()) {
      try (SolveResult r = engine.solve(marshal(built), SolveRequest.of(inputs).withListener(events::add));
          MountedTree t = r.open()) {
        assertThat(t.root().resolve("work/out.txt")).hasContent("hello\n1000");
      }
      try (SolveResult again = engine.solve(marshal(built), SolveRequest.of(inputs))) {
        assertThat(again.cached()).isTrue();
      }
    }
    assertThat(events).anyMatch(e -> e.event() instanceof VertexEvent.Started && e.vertex().name().startsWith("sh -c"));
  }

  @Test
  void aFailingCommandReportsItsExitCodeAndOutput() throws Exception {
    State failing = State.local("rootfs").run(r -> r.shlex("sh -c 'echo boom; exit 3'")).root();
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    try (Engine engine = open()) {
      assertThatThrownBy(() -> engine.solve(marshal(failing), SolveRequest.of(inputs).withListener(events::add)))
          .isInstanceOf(SolveException.class)
          .hasStackTraceContaining("process \"sh -c echo boom; exit 3\" did not complete successfully: exit code: 3");
    }
    assertThat(events).anyMatch(e -> e.event() instanceof VertexEvent.Log log
        && new String(log.data(), StandardCharsets.UTF_8).contains("boom"));
  }

  @Test
  void mountsSecretsCachesAndTmpfsWithoutLeavingThemInTheResult() throws Exception {
    State step = State.local("rootfs").run(r -> r
        .shlex("sh -c 'cat /run/secrets/token > /copied; echo x >> /cache/count; wc -l < /cache/count > /count; touch /scratch/t'")
        .secret("/run/secrets/token", s -> s.id("token"))
        .mount("/cache", State.scratch(), m -> m.cache("counter", CacheSharing.LOCKED))
        .mount("/scratch", State.scratch(), m -> m.tmpfs(1 << 20))).root();
    try (Engine engine = open();
        SolveResult r = engine.solve(marshal(step), SolveRequest.of(inputs));
        MountedTree t = r.open()) {
      assertThat(t.root().resolve("copied")).hasContent("s3cr3t");
      assertThat(t.root().resolve("count")).hasContent("1");
      assertThat(t.root().resolve("run/secrets/token")).doesNotExist();
      assertThat(t.root().resolve("cache/count")).doesNotExist();
      assertThat(t.root().resolve("scratch/t")).doesNotExist();
    }
  }

  @Test
  void aStepThatChangesNothingLeavesAnEmptyLayer() throws Exception {
    // The rootfs has /etc but neither /etc/hosts nor /etc/resolv.conf: their mount points come and
    // go, and neither they nor a copy of /etc may stay in the step's own changes. (It has the
    // mount points of /proc, /dev and /sys, as images do: runc leaves those it creates.)
    for (String dir : List.of("proc", "dev", "sys")) Files.createDirectories(tmp.resolve("rootfs").resolve(dir));
    State base = State.local("rootfs");
    State ran = base.run(r -> r.shlex("true")).root();
    try (Engine engine = open();
        SolveResult r = engine.solve(marshal(ran), SolveRequest.of(inputs));
        SolveResult diff = engine.solve(marshal(State.diff(base, ran)), SolveRequest.of(inputs));
        MountedTree changes = diff.open()) {
      assertThat(tmp.resolve("state/snapshots/" + r.snapshotId() + "/fs")).isEmptyDirectory();
      assertThat(changes.root()).isEmptyDirectory();
    }
    assertThat(tmp.resolve("rootfs/etc/hosts")).doesNotExist();
  }

  @Test
  void hostNetworkNeedsTheEntitlement() throws Exception {
    State step = State.local("rootfs").run(r -> r.shlex("true").network(Network.HOST)).root();
    try (Engine engine = open()) {
      assertThatThrownBy(() -> engine.solve(marshal(step), SolveRequest.of(inputs)))
          .hasStackTraceContaining("network.host is not allowed");
      try (SolveResult ok = engine.solve(marshal(step), SolveRequest.of(inputs).withEntitlements(java.util.Set.of("network.host")))) {
        assertThat(ok.snapshotId()).isNotEmpty();
      }
    }
  }

  @Test
  void copiesBetweenRunSteps() throws Exception {
    State builder = State.local("rootfs").run(r -> r.shlex("sh -c 'mkdir -p /out && echo built > /out/app'")).root();
    State fin = State.local("rootfs").file(FileAction.copy(builder, "/out/app", "/usr/local/bin/app", o -> o.createDestPath()))
        .run(r -> r.shlex("sh -c 'cat /usr/local/bin/app > /check'")).root();
    try (Engine engine = open(); SolveResult r = engine.solve(marshal(fin), SolveRequest.of(inputs)); MountedTree t = r.open()) {
      assertThat(t.root().resolve("check")).hasContent("built");
    }
  }
}
