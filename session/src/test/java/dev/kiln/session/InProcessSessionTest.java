package dev.kiln.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.proto.control.BytesMessage;
import dev.kiln.proto.control.ControlGrpc;
import dev.kiln.proto.control.InfoRequest;
import dev.kiln.proto.control.InfoResponse;
import dev.kiln.session.filesend.FileSendProvider;
import dev.kiln.session.filesync.FileSyncClient;
import dev.kiln.session.filesync.FileSyncProvider;
import dev.kiln.session.secrets.SecretsClient;
import dev.kiln.session.secrets.SecretsProvider;
import dev.kiln.session.tunnel.ClientSession;
import dev.kiln.session.tunnel.DaemonSession;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded mode's session: services called in-process, the stream only marking its lifetime. */
class InProcessSessionTest {
  @TempDir Path tmp;
  private final LinkedBlockingQueue<DaemonSession> sessions = new LinkedBlockingQueue<>();

  /** Accepts sessions as the daemon's Control service does, in-process when the call allows it. */
  private final class SessionOnly extends ControlGrpc.ControlImplBase {
    final AtomicBoolean lastCallInProcess = new AtomicBoolean();

    @Override
    public StreamObserver<BytesMessage> session(StreamObserver<BytesMessage> toClient) {
      Metadata headers = HeadersInterceptor.current();
      String server = headers.get(SessionHeaders.IN_PROCESS_SERVER);
      String id = headers.get(SessionHeaders.SESSION_ID);
      List<String> methods = HeadersInterceptor.all(headers, SessionHeaders.GRPC_METHOD);
      DaemonSession session = server != null && HeadersInterceptor.inProcessCall()
          ? DaemonSession.openInProcess(id, "", methods, server, toClient)
          : DaemonSession.open(id, "", methods, toClient);
      sessions.add(session);
      return session.fromClient();
    }

    @Override
    public void info(InfoRequest request, StreamObserver<InfoResponse> response) {
      lastCallInProcess.set(HeadersInterceptor.inProcessCall());
      response.onNext(InfoResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  @Test
  @SuppressWarnings("try")
  void theDaemonCallsTheClientsServicesDirectlyAndTheSessionEndsWithTheClient() throws Exception {
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name)
        .addService(ServerInterceptors.intercept(new SessionOnly(), new HeadersInterceptor())).build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try {
      Path context = Files.createDirectories(tmp.resolve("ctx"));
      Files.writeString(context.resolve("a.txt"), "alpha");
      DaemonSession daemon;
      long closing;
      try (ClientSession client = ClientSession.startInProcess(ControlGrpc.newStub(channel), "s1", "test", "",
          List.of(new FileSyncProvider(Map.of("context", context)),
              new SecretsProvider(Map.of("tok", "s3cret".getBytes(StandardCharsets.UTF_8)))))) {
        daemon = sessions.poll(5, TimeUnit.SECONDS);
        assertThat(daemon.id()).isEqualTo("s1");
        assertThat(daemon.supports(FileSyncClient.DIFF_COPY)).isTrue();
        Path received = tmp.resolve("received");
        assertThat(FileSyncClient.fetch(daemon.channel(), new FileSyncClient.Request("context", List.of(), List.of(), List.of()),
            received)).isEqualTo(5);
        assertThat(received.resolve("a.txt")).hasContent("alpha");
        assertThat(SecretsClient.get(daemon.channel(), "tok")).isPresent();
        // Sharing the JVM, the daemon may read the directory in place instead of syncing it.
        assertThat(daemon.inProcessDir("context")).contains(context);
        assertThat(daemon.inProcessDir("other")).isEmpty();
        closing = System.nanoTime();
      }
      assertThat(daemon.inProcessDir("context")).isEmpty();
      // The client's close half-closes the stream and waits for the daemon to end it: promptly.
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - closing)).isLessThan(4);
      assertThat(daemon.awaitEnd(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void aClientInThisJvmLetsTheDaemonWriteItsOutputFileButNotItsStdout() throws Exception {
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name)
        .addService(ServerInterceptors.intercept(new SessionOnly(), new HeadersInterceptor())).build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    try {
      Path out = tmp.resolve("image.tar");
      try (ClientSession client = ClientSession.startInProcess(ControlGrpc.newStub(channel), "f1", "test", "",
          List.of(new FileSendProvider(new FileSendProvider.File(out, null))))) {
        assertThat(sessions.poll(5, TimeUnit.SECONDS).localOutputFile()).contains(out.toAbsolutePath());
      }
      try (ClientSession client = ClientSession.startInProcess(ControlGrpc.newStub(channel), "f2", "test", "",
          List.of(new FileSendProvider(new FileSendProvider.File(null, OutputStream.nullOutputStream()))))) {
        assertThat(sessions.poll(5, TimeUnit.SECONDS).localOutputFile()).isEmpty();
      }
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void onlyCallsFromThisJvmCountAsInProcess() throws Exception {
    SessionOnly control = new SessionOnly();
    String name = InProcessServerBuilder.generateName();
    Server inProcess = InProcessServerBuilder.forName(name)
        .addService(ServerInterceptors.intercept(control, new HeadersInterceptor())).build().start();
    Server tcp = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(control, new HeadersInterceptor())).build().start();
    ManagedChannel local = InProcessChannelBuilder.forName(name).build();
    ManagedChannel remote = NettyChannelBuilder.forAddress("127.0.0.1", tcp.getPort()).usePlaintext().build();
    try {
      ControlGrpc.newBlockingStub(local).info(InfoRequest.getDefaultInstance());
      assertThat(control.lastCallInProcess).isTrue();
      ControlGrpc.newBlockingStub(remote).info(InfoRequest.getDefaultInstance());
      assertThat(control.lastCallInProcess).isFalse();
    } finally {
      local.shutdownNow();
      remote.shutdownNow();
      inProcess.shutdownNow();
      tcp.shutdownNow();
    }
  }
}
