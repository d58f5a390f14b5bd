package dev.kiln.cli.client;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * buildctl's client TLS flags for {@code tcp://}: the CA that signed kilnd's certificate, the
 * client's own certificate and PKCS#8 key (for mTLS), and the name to verify instead of the host.
 */
public record ClientTls(Optional<Path> ca, Optional<Path> cert, Optional<Path> key, Optional<String> serverName) {
  public static final ClientTls NONE = new ClientTls(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public ClientTls {
    if (cert.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException("--tlscert and --tlskey go together");
    }
  }

  /** Whether any TLS flag was given; without one, {@code tcp://} is plaintext as with buildctl. */
  public boolean enabled() {
    return ca.isPresent() || cert.isPresent() || serverName.isPresent();
  }

  ChannelCredentials credentials() throws IOException {
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    if (ca.isPresent()) builder.trustManager(ca.get().toFile());
    if (cert.isPresent()) builder.keyManager(cert.get().toFile(), key.get().toFile());
    return builder.build();
  }
}
