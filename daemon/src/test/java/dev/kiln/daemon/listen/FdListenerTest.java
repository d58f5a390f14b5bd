package dev.kiln.daemon.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.daemon.KilndMain;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.ListWorkersRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kilnd --addr fd:// under systemd-socket-activate: the socket systemd bound serves the API. */
class FdListenerTest {
  private static final Path ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");

  @TempDir Path tmp;

  @Test
  void servesOnTheSocketSystemdPassed() throws Exception {
    assumeTrue(Files.isExecutable(ACTIVATE), "systemd-socket-activate not installed (package systemd)");
    Path socket = tmp.resolve("kilnd.sock");
    Process kilnd = new ProcessBuilder(ACTIVATE.toString(), "-l", socket.toString(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), KilndMain.class.getName(), "--addr", "fd://",
        "--root", tmp.resolve("state").toString(), "--config", Files.writeString(tmp.resolve("kilnd.toml"), "").toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("kilnd.log").toFile()).start();
    dev.kiln.session.NettyLogging.quiet();
    var group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    try {
      Instant up = Instant.now().plusSeconds(10);
      while (!Files.exists(socket) && Instant.now().isBefore(up)) Thread.sleep(20);
      ManagedChannel channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
          .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().overrideAuthority("localhost").build();
      try {
        // The first call starts kilnd (socket activation); allow for the JVM to come up.
        var workers = ControlGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
            .listWorkers(ListWorkersRequest.getDefaultInstance());
        assertThat(workers.getRecordCount()).as(Files.readString(tmp.resolve("kilnd.log"))).isEqualTo(1);
        var again = ControlGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .listWorkers(ListWorkersRequest.getDefaultInstance());
        assertThat(again.getRecordCount()).isEqualTo(1);
      } finally {
        channel.shutdownNow();
      }
      assertThat(Files.readString(tmp.resolve("kilnd.log"))).contains("listening on fd://");
    } finally {
      kilnd.destroy();
      kilnd.waitFor(30, TimeUnit.SECONDS);
      kilnd.destroyForcibly();
      group.shutdownGracefully();
    }
  }
}
