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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second build of an unchanged context transfers no file contents; a one-file change transfers that file. */
class IncrementalSyncTest {
  @TempDir Path tmp;

  @SuppressWarnings("try")
  private long build(ManagedChannel channel, Path ctx, Path out, String id) throws Exception {
    FileSyncProvider sync = new FileSyncProvider(Map.of("context", ctx, "dockerfile", ctx));
    try (ClientSession session = ClientSession.start(ControlGrpc.newStub(channel), id, "t", "key-1",
        List.of(sync, new FileSendProvider(new FileSendProvider.Dir(out))))) {
      ControlGrpc.newBlockingStub(channel).solve(SolveRequest.newBuilder().setRef("ref-" + id).setSession(id)
          .setFrontend("dockerfile.v0").setExporter("local").build());
    }
    return sync.bytesSent();
  }

  private static Map<Path, Object> ctimes(Path dir) throws Exception {
    Map<Path, Object> out = new java.util.TreeMap<>();
    try (var files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) out.put(p, Files.getAttribute(p, "unix:ctime"));
    }
    return out;
  }

  @Test
  void onlyChangedFilesAreSentAgain() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    String dockerfile = "FROM scratch\nCOPY . /app/\n";
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    Files.writeString(ctx.resolve("a.txt"), "aaaa");
    Files.writeString(ctx.resolve("b.txt"), "bbbbbbbb");
    String name = "inc-" + System.nanoTime();
    try (Daemon daemon = Daemon.open(tmp.resolve("state"))) {
      Server server = daemon.startInProcess(name);
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try {
        long first = build(channel, ctx, tmp.resolve("out1"), "s1");
        assertThat(first).isEqualTo(dockerfile.length() + 4 + 8L + dockerfile.length()); // Dockerfile read twice: by the frontend and as context
        Map<Path, Object> kept = ctimes(tmp.resolve("state/localsync"));
        assertThat(build(channel, ctx, tmp.resolve("out2"), "s2")).isZero();
        // Unchanged files of the kept copy are not even re-chmod-ed: their ctime stays, so checksum
        // memos keyed by stat still recognise them.
        assertThat(ctimes(tmp.resolve("state/localsync"))).isNotEmpty().isEqualTo(kept);
        Files.writeString(ctx.resolve("a.txt"), "changed!");
        Files.delete(ctx.resolve("b.txt"));
        long third = build(channel, ctx, tmp.resolve("out3"), "s3");
        assertThat(third).isEqualTo(8);
        assertThat(tmp.resolve("out3/app/a.txt")).hasContent("changed!");
        assertThat(tmp.resolve("out3/app/b.txt")).doesNotExist();
      } finally {
        channel.shutdownNow();
        server.shutdownNow();
      }
    }
  }
}
