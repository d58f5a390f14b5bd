package dev.kiln.daemon.listen;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * kilnd's TLS files (PEM): its certificate and PKCS#8 key, and the CA that signs client
 * certificates. With a CA, clients must present a certificate it signed (mTLS), as buildkitd does.
 */
public record TlsFiles(Path cert, Path key, Optional<Path> ca) {
  public TlsFiles {
    java.util.Objects.requireNonNull(cert, "cert");
    java.util.Objects.requireNonNull(key, "key");
    java.util.Objects.requireNonNull(ca, "ca");
  }

  ServerCredentials credentials() throws IOException {
    TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder().keyManager(cert.toFile(), key.toFile());
    if (ca.isPresent()) {
      builder.trustManager(ca.get().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return builder.build();
  }
}
