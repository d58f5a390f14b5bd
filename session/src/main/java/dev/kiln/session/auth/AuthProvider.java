package dev.kiln.session.auth;

import dev.kiln.proto.session.auth.AuthGrpc;
import dev.kiln.proto.session.auth.CredentialsRequest;
import dev.kiln.proto.session.auth.CredentialsResponse;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.auth.DockerConfigCredentials;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Optional;

/**
 * The client's Auth service (BuildKit's authprovider): the daemon asks for a registry host's
 * credentials and gets them from the client's own {@code ~/.docker/config.json} and credential
 * helpers, so the daemon needs none. Like BuildKit, an identity token travels as an empty user
 * name with the token as secret. FetchToken and GetTokenAuthority are left unimplemented: the
 * daemon then runs the token exchange itself with these credentials.
 */
public final class AuthProvider extends AuthGrpc.AuthImplBase {
  private final CredentialProvider credentials;

  public AuthProvider(CredentialProvider credentials) {
    this.credentials = credentials;
  }

  /** Credentials from {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}. */
  public static AuthProvider fromDockerConfig() {
    return new AuthProvider(DockerConfigCredentials.fromEnvironment());
  }

  @Override
  public void credentials(CredentialsRequest request, StreamObserver<CredentialsResponse> response) {
    Optional<Credentials> found;
    try {
      found = credentials.credentialsFor(request.getHost());
    } catch (IOException e) {
      response.onError(Status.UNAVAILABLE.withDescription("reading credentials for " + request.getHost() + ": "
          + e.getMessage()).asRuntimeException());
      return;
    }
    CredentialsResponse.Builder answer = CredentialsResponse.newBuilder(); // empty: anonymous
    switch (found.orElse(null)) {
      case Credentials.Basic(String user, String password) -> answer.setUsername(user).setSecret(password);
      case Credentials.IdentityToken(String token) -> answer.setSecret(token);
      case Credentials.RegistryToken ignored -> { } // not expressible in this message: anonymous
      case null -> { }
    }
    response.onNext(answer.build());
    response.onCompleted();
  }
}
