package dev.kiln.cli;

import dev.kiln.cli.client.ClientTls;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the daemon is, as buildctl's global flags: {@code --addr} and the TLS files for {@code
 * tcp://}. Accepted before the sub-command ({@code kiln --addr … build}) and after it; the nearer wins.
 */
final class ConnectionOptions {
  @Option(names = "--addr", paramLabel = "ADDR",
      description = "kilnd address: unix:///PATH or tcp://HOST:PORT; default: the engine runs in-process. Also KILN_HOST.")
  String addr;

  @Option(names = "--tlscacert", paramLabel = "FILE", description = "CA certificate (PEM) that signed kilnd's certificate.")
  Path tlsCa;

  @Option(names = "--tlscert", paramLabel = "FILE", description = "Client certificate (PEM) for mTLS.")
  Path tlsCert;

  @Option(names = "--tlskey", paramLabel = "FILE", description = "Client key (PEM, PKCS#8) for mTLS.")
  Path tlsKey;

  @Option(names = "--tlsservername", paramLabel = "NAME", description = "Server name to verify in kilnd's certificate.")
  String tlsServerName;

  /** These options, each unset one taken from {@code outer} (the options given before the sub-command). */
  ConnectionOptions over(ConnectionOptions outer) {
    if (outer == null) return this;
    ConnectionOptions merged = new ConnectionOptions();
    merged.addr = addr != null ? addr : outer.addr;
    merged.tlsCa = tlsCa != null ? tlsCa : outer.tlsCa;
    merged.tlsCert = tlsCert != null ? tlsCert : outer.tlsCert;
    merged.tlsKey = tlsKey != null ? tlsKey : outer.tlsKey;
    merged.tlsServerName = tlsServerName != null ? tlsServerName : outer.tlsServerName;
    return merged;
  }

  ClientTls tls() {
    return new ClientTls(Optional.ofNullable(tlsCa), Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey),
        Optional.ofNullable(tlsServerName));
  }
}
