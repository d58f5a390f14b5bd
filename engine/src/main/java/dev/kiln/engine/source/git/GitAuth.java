package dev.kiln.engine.source.git;

import dev.kiln.engine.source.SecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.TransportHttp;

/**
 * HTTP credentials for a git remote from the build's secrets, as BuildKit sends them: the
 * {@code GIT_AUTH_HEADER} secret as the Authorization header, else the {@code GIT_AUTH_TOKEN}
 * secret as basic auth for {@code x-access-token}. Host-scoped names ({@code NAME.<host>}) win.
 */
final class GitAuth {
  private GitAuth() {}

  /** The Authorization header to send, if the build has a matching secret. */
  static Optional<String> header(GitAttrs attrs, SecretStore secrets) throws IOException {
    if (!attrs.url().startsWith("https://") && !attrs.url().startsWith("http://")) return Optional.empty();
    Optional<byte[]> header = scoped(secrets, attrs.authHeaderSecret(), attrs.host());
    if (header.isPresent()) return Optional.of(new String(header.get(), StandardCharsets.UTF_8).strip());
    Optional<byte[]> token = scoped(secrets, attrs.authTokenSecret(), attrs.host());
    return token.map(t -> "basic " + Base64.getEncoder().encodeToString(
        ("x-access-token:" + new String(t, StandardCharsets.UTF_8).strip()).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Adds the header to every HTTP request to {@code host} (so a submodule elsewhere never sees
   * it); other hosts and transports are left alone.
   */
  static TransportConfigCallback callback(Optional<String> header, String host) {
    return transport -> {
      if (header.isPresent() && transport instanceof TransportHttp http && host.equals(http.getURI().getHost())) {
        http.setAdditionalHeaders(Map.of("Authorization", header.get()));
      }
    };
  }

  private static Optional<byte[]> scoped(SecretStore secrets, String name, String host) throws IOException {
    if (name.isEmpty()) return Optional.empty();
    if (!host.isEmpty()) {
      Optional<byte[]> v = secrets.get(name + "." + host);
      if (v.isPresent()) return v;
    }
    return secrets.get(name);
  }
}
