package dev.kiln.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.session.filesync.FileSyncProvider;
import dev.kiln.session.tunnel.ClientSession;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to kilnd in the middle of a RUN step: the build is cancelled, its mounts released, the socket removed, the state reusable. Needs root. */
class KilndShutdownTest {
  @TempDir Path tmp;

  @Test
  @SuppressWarnings("try")
  void sigtermCancelsTheRunningBuildAndRemovesTheSocket() throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/bin"));
    Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
    for (String applet : List.of("sh", "sleep")) Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
    var def = State.local("rootfs").run(r -> r.shlex("sleep 6101")).root()
        .marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t"));
    Path socket = tmp.resolve("run/kilnd.sock");
    Path state = tmp.resolve("state");
    Process kilnd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), KilndMain.class.getName(),
        "--addr", "unix://" + socket, "--root", state.toString(), "--config", Files.writeString(tmp.resolve("kilnd.toml"), "").toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("kilnd.log").toFile()).start();
    dev.kiln.session.NettyLogging.quiet();
    var group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    try {
      Instant up = Instant.now().plusSeconds(30);
      while (!Files.exists(socket) && Instant.now().isBefore(up)) Thread.sleep(50);
      assertThat(socket).as(Files.readString(tmp.resolve("kilnd.log"))).exists();
      ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
          .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().overrideAuthority("localhost").build();
      try (ClientSession session = ClientSession.start(ControlGrpc.newStub(channel), "s-term", "t",
          List.of(new FileSyncProvider(Map.of("rootfs", rootfs.getParent()))))) {
        Thread build = Thread.ofVirtual().start(() -> {
          try {
            ControlGrpc.newBlockingStub(channel).solve(SolveRequest.newBuilder().setRef("r-term").setSession("s-term").setDefinition(def).build());
          } catch (RuntimeException expected) {
            // the daemon went away mid-build
          }
        });
        Instant running = Instant.now().plusSeconds(30);
        while (!sleeperRunning() && Instant.now().isBefore(running)) Thread.sleep(100);
        assertThat(sleeperRunning()).as("the RUN step started").isTrue();

        kilnd.destroy(); // SIGTERM
        assertThat(kilnd.waitFor(30, TimeUnit.SECONDS)).as("kilnd exits after SIGTERM").isTrue();
        build.join(10_000);
        assertThat(sleeperRunning()).as("the container was stopped").isFalse();
        assertThat(Files.readString(Path.of("/proc/self/mounts"))).as("nothing of the state stays mounted")
            .doesNotContain(state.toString());
        assertThat(socket).doesNotExist();
        assertThat(Files.readString(tmp.resolve("kilnd.log"))).contains("shutting down");
      } finally {
        channel.shutdownNow();
      }
      try (Daemon reopened = Daemon.open(state)) {
        assertThat(reopened).isNotNull(); // lock released, metadata readable
      }
    } finally {
      kilnd.destroyForcibly();
      group.shutdownGracefully();
    }
  }

  private static boolean sleeperRunning() throws Exception {
    return Processes.running("sleep", "6101");
  }
}
