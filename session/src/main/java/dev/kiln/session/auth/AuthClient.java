package dev.kiln.session.auth;

import dev.kiln.proto.session.auth.AuthGrpc;
import dev.kiln.proto.session.auth.CredentialsRequest;
import dev.kiln.registry.Credentials;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The daemon's side of Auth: a client without the service, or without credentials for the host, means anonymous. */
public final class AuthClient {
  private static final long TIMEOUT_SECONDS = 30; // a credential helper may prompt or hit the network

  private AuthClient() {}

  public static Optional<Credentials> credentials(Channel channel, String host) throws IOException {
    try {
      var response = AuthGrpc.newBlockingStub(channel).withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .credentials(CredentialsRequest.newBuilder().setHost(host).build());
      if (response.getSecret().isEmpty()) return Optional.empty();
      if (response.getUsername().isEmpty()) return Optional.of(new Credentials.IdentityToken(response.getSecret()));
      return Optional.of(new Credentials.Basic(response.getUsername(), response.getSecret()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) return Optional.empty();
      throw new IOException("asking the client for " + host + " credentials: " + e.getStatus(), e);
    }
  }
}
