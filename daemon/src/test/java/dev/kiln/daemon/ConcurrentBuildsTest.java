package dev.kiln.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.session.filesend.FileSendProvider;
import dev.kiln.session.filesync.FileSyncProvider;
import dev.kiln.session.tunnel.ClientSession;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ten clients build the same context at once against one daemon; all succeed with their own output. */
class ConcurrentBuildsTest {
  @TempDir Path tmp;

  @Test
  void tenClientsAtOnce() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY . /app/\n");
    Files.writeString(ctx.resolve("data.txt"), "shared");
    String name = "many-" + System.nanoTime();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    try (Daemon daemon = Daemon.open(tmp.resolve("state"))) {
      Server server = daemon.startInProcess(name);
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try {
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          int n = i;
          clients.add(Thread.ofVirtual().start(() -> {
            try {
              build(channel, ctx, tmp.resolve("out" + n), "client-" + n);
            } catch (Throwable t) {
              failures.add(t);
            }
          }));
        }
        for (Thread t : clients) t.join();
      } finally {
        channel.shutdownNow();
        server.shutdownNow();
      }
    }
    assertThat(failures).isEmpty();
    for (int i = 0; i < 10; i++) {
      assertThat(tmp.resolve("out" + i + "/app/data.txt")).hasContent("shared");
    }
  }

  @SuppressWarnings("try")
  private static void build(ManagedChannel channel, Path ctx, Path out, String id) throws Exception {
    try (ClientSession session = ClientSession.start(ControlGrpc.newStub(channel), id, "t", "same-key",
        List.of(new FileSyncProvider(Map.of("context", ctx, "dockerfile", ctx)), new FileSendProvider(new FileSendProvider.Dir(out))))) {
      ControlGrpc.newBlockingStub(channel).solve(SolveRequest.newBuilder().setRef("ref-" + id).setSession(id)
          .setFrontend("dockerfile.v0").setExporter("local").build());
    }
  }
}
