package dev.kiln.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.daemon.Daemon;
import dev.kiln.daemon.listen.Listeners;
import dev.kiln.daemon.listen.TlsFiles;
import io.grpc.Server;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kilnd on TCP: mutual TLS with certificates made here, plaintext only when explicitly allowed. */
class TcpListenerTest {
  @TempDir Path tmp;

  @Test
  void buildsOverTcpWithMutualTlsAndRefusesAClientWithoutACertificate() throws Exception {
    TestCerts certs = TestCerts.create(tmp.resolve("certs"));
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /app/\n");
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Path out = tmp.resolve("out");
    try (Daemon daemon = Daemon.open(tmp.resolve("state"))) {
      TlsFiles tls = new TlsFiles(certs.serverCert(), certs.serverKey(), Optional.of(certs.ca()));
      List<Server> servers = daemon.listeners().start("tcp://127.0.0.1:0", Optional.of(tls), false);
      String addr = "tcp://127.0.0.1:" + ((InetSocketAddress) servers.getFirst().getListenSockets().getFirst()).getPort();
      try {
        Cli build = Cli.run("--addr", addr, "--tlscacert", certs.ca().toString(), "--tlscert", certs.clientCert().toString(),
            "--tlskey", certs.clientKey().toString(), "build", ctx.toString(), "-o", "type=local,dest=" + out, "--progress", "plain");
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(out.resolve("app/hello.txt")).hasContent("hello");

        Cli anonymous = Cli.run("--addr", addr, "--tlscacert", certs.ca().toString(), "debug", "workers");
        assertThat(anonymous.exitCode()).as(anonymous.err()).isEqualTo(1);
        Cli plaintext = Cli.run("--addr", addr, "debug", "workers");
        assertThat(plaintext.exitCode()).as(plaintext.err()).isEqualTo(1);
        Cli named = Cli.run("--addr", addr.replace("127.0.0.1", "localhost"), "--tlscacert", certs.ca().toString(),
            "--tlscert", certs.clientCert().toString(), "--tlskey", certs.clientKey().toString(),
            "--tlsservername", "localhost", "debug", "workers");
        assertThat(named.exitCode()).as(named.err()).isZero();
      } finally {
        for (Server s : servers) s.shutdownNow().awaitTermination();
      }
    }
  }

  @Test
  void plainTcpNeedsAnExplicitFlag() throws Exception {
    try (Daemon daemon = Daemon.open(tmp.resolve("state"))) {
      Listeners listeners = daemon.listeners();
      assertThatThrownBy(() -> listeners.start("tcp://127.0.0.1:0", Optional.empty(), false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--insecure-tcp");
      List<Server> servers = listeners.start("tcp://127.0.0.1:0", Optional.empty(), true);
      try {
        String addr = "tcp://127.0.0.1:" + ((InetSocketAddress) servers.getFirst().getListenSockets().getFirst()).getPort();
        Cli workers = Cli.run("--addr", addr, "debug", "workers");
        assertThat(workers.exitCode()).as(workers.err()).isZero();
      } finally {
        for (Server s : servers) s.shutdownNow().awaitTermination();
      }
    }
  }
}
