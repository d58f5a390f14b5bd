package dev.kiln.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.session.filesend.FileSendClient;
import dev.kiln.session.filesend.FileSendProvider;
import dev.kiln.session.filesync.FileSyncClient;
import dev.kiln.session.filesync.FileSyncProvider;
import dev.kiln.session.secrets.SecretsClient;
import dev.kiln.session.secrets.SecretsProvider;
import dev.kiln.session.tunnel.ClientSession;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole session path without a daemon: outer stream in-process, tunnel, services both ways. */
class SessionRoundTripTest {
  @TempDir Path tmp;
  private SessionHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new SessionHarness();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  @SuppressWarnings("try")
  void daemonPullsDirectoriesAndSecretsAndSendsOutputs() throws Exception {
    Path context = tmp.resolve("ctx");
    Files.createDirectories(context.resolve("sub/deep"));
    Files.writeString(context.resolve("a.txt"), "alpha");
    Files.write(context.resolve("sub/deep/big.bin"), new byte[100_000]);
    Files.writeString(context.resolve("skip.log"), "no");
    Files.setPosixFilePermissions(context.resolve("a.txt"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(context.resolve("link"), Path.of("a.txt"));
    Path outDir = tmp.resolve("out");
    FileSyncProvider sync = new FileSyncProvider(Map.of("context", context));
    try (ClientSession client = harness.open("sess1", List.of(sync, new SecretsProvider(Map.of("tok", "s3cret".getBytes(StandardCharsets.UTF_8))),
            new FileSendProvider(new FileSendProvider.Dir(outDir))))) {
      DaemonSession daemon = harness.next();
      assertThat(daemon.id()).isEqualTo("sess1");
      assertThat(daemon.supports(FileSyncClient.DIFF_COPY)).isTrue();
      assertThat(daemon.supports(FileSendClient.DIFF_COPY)).isTrue();

      Path received = tmp.resolve("received");
      long bytes = FileSyncClient.fetch(daemon.channel(),
          new FileSyncClient.Request("context", List.of(), List.of("*.log"), List.of()), received);
      assertThat(bytes).isEqualTo(100_005);
      assertThat(received.resolve("a.txt")).hasContent("alpha");
      assertThat(Files.getPosixFilePermissions(received.resolve("a.txt"))).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
      assertThat(Files.size(received.resolve("sub/deep/big.bin"))).isEqualTo(100_000);
      assertThat(Files.readSymbolicLink(received.resolve("link"))).isEqualTo(Path.of("a.txt"));
      assertThat(received.resolve("skip.log")).doesNotExist();
      assertThat(sync.bytesSent()).isEqualTo(100_005);

      Path followed = tmp.resolve("followed");
      FileSyncClient.fetch(daemon.channel(), new FileSyncClient.Request("context", List.of(), List.of(), List.of("sub/deep")), followed);
      assertThat(followed.resolve("sub/deep/big.bin")).exists();
      assertThat(followed.resolve("a.txt")).doesNotExist();

      assertThat(SecretsClient.get(daemon.channel(), "tok")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("s3cret"));
      assertThat(SecretsClient.get(daemon.channel(), "missing")).isEmpty();

      FileSendClient.sendDir(daemon.channel(), received);
      assertThat(outDir.resolve("sub/deep/big.bin")).exists();
      assertThat(outDir.resolve("a.txt")).hasContent("alpha");
    }
  }

  @Test
  @SuppressWarnings("try")
  void fileTargetReceivesRawChunks() throws Exception {
    Path out = tmp.resolve("out.tar");
    try (ClientSession client = harness.open("sess2", List.of(new FileSendProvider(new FileSendProvider.File(out, null))))) {
      DaemonSession daemon = harness.next();
      byte[] data = new byte[20_000_000];
      for (int i = 0; i < data.length; i++) data[i] = (byte) i;
      try (OutputStream stream = FileSendClient.openFile(daemon.channel())) {
        stream.write(data);
      }
      assertThat(Files.readAllBytes(out)).isEqualTo(data);
      assertThat(daemon.supports(FileSyncClient.DIFF_COPY)).isFalse();
    }
  }

  @Test
  @SuppressWarnings("try")
  void unknownDirectoryIsAnError() throws Exception {
    try (ClientSession client = harness.open("sess3", List.of(new FileSyncProvider(Map.of())))) {
      DaemonSession daemon = harness.next();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileSyncClient.fetch(daemon.channel(),
              new FileSyncClient.Request("context", List.of(), List.of(), List.of()), tmp.resolve("x")))
          .isInstanceOf(FileSyncClient.NotFoundException.class);
      var health = io.grpc.health.v1.HealthGrpc.newBlockingStub(daemon.channel())
          .check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance());
      assertThat(health.getStatus()).isEqualTo(io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
      assertThat(daemon.supports("/grpc.health.v1.Health/Check")).isTrue();
    }
  }
}
