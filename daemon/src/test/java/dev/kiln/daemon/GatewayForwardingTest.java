package dev.kiln.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.SolveRequest;
import dev.kiln.proto.control.SolveResponse;
import dev.kiln.proto.gateway.LLBBridgeGrpc;
import dev.kiln.proto.gateway.PingRequest;
import dev.kiln.proto.gateway.PongResponse;
import dev.kiln.proto.gateway.ReturnRequest;
import dev.kiln.session.SessionHeaders;
import dev.kiln.session.filesend.FileSendProvider;
import dev.kiln.session.filesync.FileSyncProvider;
import dev.kiln.session.tunnel.ClientSession;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequence buildctl v0.11.6 uses for {@code build --frontend dockerfile.v0} (buildkit-wire
 * §2.4): an empty Control.Solve, then LLBBridge Ping, Solve and Return tagged with the build id.
 */
class GatewayForwardingTest {
  @TempDir Path tmp;

  @Test
  @SuppressWarnings("try")
  void buildctlStyleBuildThroughLlbBridge() throws Exception {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /app/\n");
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Path out = tmp.resolve("out");
    String name = "gw-" + System.nanoTime();
    try (Daemon daemon = Daemon.open(tmp.resolve("state"))) {
      Server server = daemon.startInProcess(name);
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try (ClientSession session = ClientSession.start(ControlGrpc.newStub(channel), "sessgw", "t",
          List.of(new FileSyncProvider(Map.of("context", ctx, "dockerfile", ctx)),
              new FileSendProvider(new FileSendProvider.Dir(out))))) {
        AtomicReference<Object> solved = new AtomicReference<>();
        Thread control = Thread.ofVirtual().start(() -> {
          try {
            solved.set(ControlGrpc.newBlockingStub(channel).solve(SolveRequest.newBuilder()
                .setRef("buildgw").setSession("sessgw").setExporter("local").build()));
          } catch (RuntimeException e) {
            solved.set(e);
          }
        });
        Metadata headers = new Metadata();
        headers.put(SessionHeaders.key("buildkit-controlapi-buildid"), "buildgw");
        var bridge = LLBBridgeGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        PongResponse pong = bridge.ping(PingRequest.getDefaultInstance());
        assertThat(pong.getFrontendAPICapsList()).anyMatch(c -> c.getID().equals("return"));
        assertThat(pong.getLLBCapsList()).anyMatch(c -> c.getID().equals("file.base"));
        var result = bridge.solve(dev.kiln.proto.gateway.SolveRequest.newBuilder()
            .setFrontend("dockerfile.v0").putFrontendOpt("filename", "Dockerfile")
            .setAllowResultReturn(true).setAllowResultArrayRef(true).build()).getResult();
        assertThat(result.getRef().getDef().getDefCount()).isPositive();
        assertThat(result.getMetadataMap()).containsKey("containerimage.config");
        // Frontends read from solved refs (e.g. a Dockerfile from a context ref) before returning.
        String ref = result.getRef().getId();
        var file = bridge.readFile(dev.kiln.proto.gateway.ReadFileRequest.newBuilder().setRef(ref).setFilePath("/app/hello.txt").build());
        assertThat(file.getData().toStringUtf8()).isEqualTo("hello\n");
        var part = bridge.readFile(dev.kiln.proto.gateway.ReadFileRequest.newBuilder().setRef(ref).setFilePath("app/hello.txt")
            .setRange(dev.kiln.proto.gateway.FileRange.newBuilder().setOffset(1).setLength(3)).build());
        assertThat(part.getData().toStringUtf8()).isEqualTo("ell");
        var dir = bridge.readDir(dev.kiln.proto.gateway.ReadDirRequest.newBuilder().setRef(ref).setDirPath("/app").build());
        assertThat(dir.getEntriesList()).extracting(e -> e.getPath()).containsExactly("hello.txt");
        var stat = bridge.statFile(dev.kiln.proto.gateway.StatFileRequest.newBuilder().setRef(ref).setPath("/app/hello.txt").build());
        assertThat(stat.getStat().getSize()).isEqualTo(6);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bridge.readFile(dev.kiln.proto.gateway.ReadFileRequest.newBuilder()
            .setRef(ref).setFilePath("../../../../etc/hostname").build())).hasMessageContaining("NOT_FOUND");
        bridge.return_(ReturnRequest.newBuilder().setResult(result).build());
        control.join();
        assertThat(solved.get()).isInstanceOf(SolveResponse.class);
        assertThat(out.resolve("app/hello.txt")).hasContent("hello");
      } finally {
        channel.shutdownNow();
        server.shutdownNow();
      }
    }
  }
}
