package dev.kiln.session.auth;

import com.google.protobuf.ByteString;
import dev.kiln.proto.session.auth.AuthGrpc;
import dev.kiln.proto.session.auth.CredentialsRequest;
import dev.kiln.proto.session.auth.CredentialsResponse;
import dev.kiln.proto.session.auth.FetchTokenRequest;
import dev.kiln.proto.session.auth.FetchTokenResponse;
import dev.kiln.proto.session.auth.GetTokenAuthorityRequest;
import dev.kiln.proto.session.auth.GetTokenAuthorityResponse;
import dev.kiln.proto.session.auth.VerifyTokenAuthorityRequest;
import dev.kiln.proto.session.auth.VerifyTokenAuthorityResponse;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.CredentialProvider.IssuedToken;
import dev.kiln.registry.CredentialProvider.TokenRequest;
import dev.kiln.registry.Credentials;
import dev.kiln.registry.RegistryException;
import dev.kiln.registry.auth.DockerConfigCredentials;
import dev.kiln.registry.auth.TokenExchange;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.EdECPublicKey;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client's Auth service (BuildKit's authprovider), answered from the client's own {@code
 * ~/.docker/config.json} and credential helpers, so the daemon needs none:
 * <ul>
 *   <li>{@code GetTokenAuthority}/{@code VerifyTokenAuthority}: this client fetches registry tokens
 *       itself ({@link TokenAuthority}); the daemon then asks {@code FetchToken} and never sees a
 *       secret. Off, as in buildctl, when {@code BUILDKIT_NO_CLIENT_TOKEN} is true: the daemon
 *       falls back to {@code Credentials}.
 *   <li>{@code FetchToken}: the Docker token exchange with this client's credentials.
 *   <li>{@code Credentials}: the credentials themselves; like BuildKit, an identity token travels as
 *       an empty user name with the token as secret.
 * </ul>
 */
public final class AuthProvider extends AuthGrpc.AuthImplBase {
  private final CredentialProvider credentials;
  private final boolean clientTokens;
  private final Supplier<TokenExchange> exchange;
  private final TokenAuthority authority = new TokenAuthority();

  /** @param clientTokens whether to offer a token authority (and so fetch tokens here) */
  public AuthProvider(CredentialProvider credentials, boolean clientTokens) {
    this.credentials = credentials;
    this.clientTokens = clientTokens;
    this.exchange = new Lazy<>(TokenExchange::create);
  }

  /** Credentials from {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}. */
  public static AuthProvider fromDockerConfig() {
    return new AuthProvider(DockerConfigCredentials.fromEnvironment(),
        !Boolean.parseBoolean(System.getenv("BUILDKIT_NO_CLIENT_TOKEN")));
  }

  @Override
  public void credentials(CredentialsRequest request, StreamObserver<CredentialsResponse> response) {
    Optional<Credentials> found;
    try {
      found = credentials.credentialsFor(request.getHost());
    } catch (IOException e) {
      response.onError(unreadable(request.getHost(), e));
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

  @Override
  public void fetchToken(FetchTokenRequest request, StreamObserver<FetchTokenResponse> response) {
    IssuedToken token;
    try {
      Optional<Credentials> found = credentials.credentialsFor(request.getHost());
      token = found.orElse(null) instanceof Credentials.RegistryToken(String ready)
          ? new IssuedToken(ready, java.time.Duration.ZERO, java.time.Instant.now())
          : exchange.get().fetch(new TokenRequest(request.getHost(), request.getRealm(), request.getService(),
              request.getScopesList()), found);
    } catch (RegistryException.Unauthorized e) {
      response.onError(Status.UNAUTHENTICATED.withDescription(e.getMessage()).asRuntimeException());
      return;
    } catch (IOException e) {
      response.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    response.onNext(FetchTokenResponse.newBuilder().setToken(token.token())
        .setExpiresIn(token.expiresIn().toSeconds()).setIssuedAt(token.issuedAt().getEpochSecond()).build());
    response.onCompleted();
  }

  @Override
  public void getTokenAuthority(GetTokenAuthorityRequest request, StreamObserver<GetTokenAuthorityResponse> response) {
    try {
      KeyPair key = authorityKey(request.getHost(), request.getSalt().toByteArray());
      response.onNext(GetTokenAuthorityResponse.newBuilder()
          .setPublicKey(ByteString.copyFrom(TokenAuthority.encode((EdECPublicKey) key.getPublic()))).build());
      response.onCompleted();
    } catch (IOException | GeneralSecurityException e) {
      response.onError(errorOf(request.getHost(), e));
    }
  }

  @Override
  public void verifyTokenAuthority(VerifyTokenAuthorityRequest request, StreamObserver<VerifyTokenAuthorityResponse> response) {
    try {
      KeyPair key = authorityKey(request.getHost(), request.getSalt().toByteArray());
      byte[] signed = TokenAuthority.sign(key.getPrivate(), request.getPayload().toByteArray());
      response.onNext(VerifyTokenAuthorityResponse.newBuilder().setSigned(ByteString.copyFrom(signed)).build());
      response.onCompleted();
    } catch (IOException | GeneralSecurityException e) {
      response.onError(errorOf(request.getHost(), e));
    }
  }

  private KeyPair authorityKey(String host, byte[] salt) throws IOException, GeneralSecurityException {
    if (!clientTokens) throw new ClientTokensOff();
    boolean hasSecret = switch (credentials.credentialsFor(host).orElse(null)) {
      case Credentials.Basic(String user, String password) -> !password.isEmpty();
      case Credentials.IdentityToken ignored -> true;
      case Credentials.RegistryToken ignored -> true;
      case null -> false;
    };
    return authority.keyFor(host, salt, hasSecret);
  }

  private static io.grpc.StatusRuntimeException errorOf(String host, Exception e) {
    if (e instanceof ClientTokensOff) {
      return Status.UNAVAILABLE.withDescription("client side tokens disabled").asRuntimeException();
    }
    return e instanceof IOException io ? unreadable(host, io)
        : Status.INTERNAL.withDescription("token authority for " + host + ": " + e.getMessage()).asRuntimeException();
  }

  private static io.grpc.StatusRuntimeException unreadable(String host, IOException e) {
    return Status.UNAVAILABLE.withDescription("reading credentials for " + host + ": " + e.getMessage()).asRuntimeException();
  }

  /** BUILDKIT_NO_CLIENT_TOKEN: the daemon is told Unavailable and uses Credentials instead. */
  private static final class ClientTokensOff extends IOException {}

  /** Created on first use: most builds never see a Bearer challenge. */
  private static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    @Override
    public T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          if (value == null) value = factory.get();
          v = value;
        }
      }
      return v;
    }
  }
}
