package dev.kiln.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.session.filesync.FileSyncProvider;
import dev.kiln.session.tunnel.ClientSession;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that gives up cancels its build: the container is stopped, not waited for. Needs root. */
class CancelTest {
  @TempDir Path tmp;

  /** An unusual duration: the check looks at every process on the host. */
  private static boolean sleeperRunning() throws Exception {
    return Processes.running("sleep", "6017");
  }

  @Test
  @SuppressWarnings("try")
  void aFailedStepIsNamedInTheStatusDetails() throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
    Files.createSymbolicLink(rootfs.resolve("sh"), Path.of("busybox"));
    State failing = State.local("rootfs").run(r -> r.shlex("sh -c 'exit 4'")).root();
    var def = failing.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t"));
    String name = "fail-" + System.nanoTime();
    try (Daemon daemon = Daemon.open(tmp.resolve("state"))) {
      Server server = daemon.startInProcess(name);
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try (ClientSession session = ClientSession.start(ControlGrpc.newStub(channel), "s-fail", "t",
          List.of(new FileSyncProvider(Map.of("rootfs", tmp.resolve("rootfs")))))) {
        StatusRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class, () ->
            ControlGrpc.newBlockingStub(channel).solve(SolveRequest.newBuilder().setRef("r-fail").setSession("s-fail").setDefinition(def).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNKNOWN);
        assertThat(e.getStatus().getDescription()).contains("exit code: 4");
        var details = io.grpc.protobuf.StatusProto.fromThrowable(e).getDetailsList();
        assertThat(details).anyMatch(d -> d.getTypeUrl().equals(SolveErrors.VERTEX_TYPE)
            && d.getValue().toStringUtf8().contains("sha256:"));
      } finally {
        channel.shutdownNow();
        server.shutdownNow();
      }
    }
  }

  @Test
  @SuppressWarnings("try")
  void aDeadlineStopsALongRun() throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
    for (String applet : List.of("sh", "sleep")) Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
    State slow = State.local("rootfs").run(r -> r.shlex("sleep 6017")).root();
    var def = slow.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t"));
    String name = "cancel-" + System.nanoTime();
    try (Daemon daemon = Daemon.open(tmp.resolve("state"))) {
      Server server = daemon.startInProcess(name);
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try (ClientSession session = ClientSession.start(ControlGrpc.newStub(channel), "s-cancel", "t",
          List.of(new FileSyncProvider(Map.of("rootfs", tmp.resolve("rootfs")))))) {
        Instant start = Instant.now();
        assertThatThrownBy(() -> ControlGrpc.newBlockingStub(channel).withDeadlineAfter(3, TimeUnit.SECONDS)
            .solve(SolveRequest.newBuilder().setRef("r-cancel").setSession("s-cancel").setDefinition(def).build()))
            .isInstanceOf(StatusRuntimeException.class);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        // Before the daemon closes: the cancelled build itself must have stopped the container.
        Instant deadline = Instant.now().plusSeconds(10);
        while (sleeperRunning() && Instant.now().isBefore(deadline)) Thread.sleep(100);
        assertThat(sleeperRunning()).as("sleep 6017 still running after the client gave up").isFalse();
      } finally {
        channel.shutdownNow();
        server.shutdownNow();
      }
      Instant closing = Instant.now();
      daemon.close();
      assertThat(Duration.between(closing, Instant.now())).isLessThan(Duration.ofSeconds(20));
    }
  }
}
