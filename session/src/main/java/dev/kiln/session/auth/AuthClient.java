package dev.kiln.session.auth;

import com.google.protobuf.ByteString;
import dev.kiln.proto.session.auth.AuthGrpc;
import dev.kiln.proto.session.auth.CredentialsRequest;
import dev.kiln.proto.session.auth.FetchTokenRequest;
import dev.kiln.proto.session.auth.FetchTokenResponse;
import dev.kiln.proto.session.auth.GetTokenAuthorityRequest;
import dev.kiln.registry.CredentialProvider.IssuedToken;
import dev.kiln.registry.CredentialProvider.TokenRequest;
import dev.kiln.registry.Credentials;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's side of Auth, as BuildKit's resolver uses it: on a Bearer challenge it asks the
 * client for a token authority and, if it has one, lets the client fetch the token ({@link
 * #token}); otherwise it asks for {@link #credentials} and runs the exchange itself. A client
 * without the service, or without credentials for the host, means anonymous.
 */
public final class AuthClient {
  /** The client id BuildKit sends with FetchToken. */
  public static final String CLIENT_ID = "buildkit-client";
  private static final long TIMEOUT_SECONDS = 30; // a credential helper may prompt or hit the network

  private AuthClient() {}

  public static Optional<Credentials> credentials(Channel channel, String host) throws IOException {
    try {
      var response = stub(channel).credentials(CredentialsRequest.newBuilder().setHost(host).build());
      if (response.getSecret().isEmpty()) return Optional.empty();
      if (response.getUsername().isEmpty()) return Optional.of(new Credentials.IdentityToken(response.getSecret()));
      return Optional.of(new Credentials.Basic(response.getUsername(), response.getSecret()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) return Optional.empty();
      throw new IOException("asking the client for " + host + " credentials: " + e.getStatus(), e);
    }
  }

  /**
   * A token fetched by the client: GetTokenAuthority first (salted with {@code salt}, the daemon's
   * own random bytes); a client that offers an authority (a 32-byte Ed25519 key) is asked
   * FetchToken. Empty when the client has no authority (Unimplemented, Unavailable: an older
   * client, or {@code BUILDKIT_NO_CLIENT_TOKEN}) or does not implement FetchToken: then the
   * caller falls back to {@link #credentials}.
   */
  public static Optional<IssuedToken> token(Channel channel, TokenRequest request, byte[] salt) throws IOException {
    try {
      var authority = stub(channel).getTokenAuthority(GetTokenAuthorityRequest.newBuilder()
          .setHost(request.host()).setSalt(ByteString.copyFrom(salt)).build());
      if (authority.getPublicKey().size() != 32) {
        throw new IOException("the client's token authority for " + request.host() + " has a "
            + authority.getPublicKey().size() + "-byte key (want 32)");
      }
    } catch (StatusRuntimeException e) {
      if (noService(e)) return Optional.empty();
      throw new IOException("asking the client for a token authority for " + request.host() + ": " + e.getStatus(), e);
    }
    try {
      FetchTokenResponse r = stub(channel).fetchToken(FetchTokenRequest.newBuilder().setClientID(CLIENT_ID)
          .setHost(request.host()).setRealm(request.realm()).setService(request.service())
          .addAllScopes(request.scopes()).build());
      Instant issued = r.getIssuedAt() == 0 ? Instant.now() : Instant.ofEpochSecond(r.getIssuedAt());
      return Optional.of(new IssuedToken(r.getToken(), Duration.ofSeconds(r.getExpiresIn()), issued));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) return Optional.empty();
      throw new IOException("the client could not get a token for " + request.host() + ": "
          + e.getStatus().getDescription(), e);
    }
  }

  private static boolean noService(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    return code == Status.Code.UNIMPLEMENTED || code == Status.Code.UNAVAILABLE;
  }

  private static AuthGrpc.AuthBlockingStub stub(Channel channel) {
    return AuthGrpc.newBlockingStub(channel).withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
