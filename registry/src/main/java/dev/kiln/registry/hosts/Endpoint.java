package dev.kiln.registry.hosts;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * One place to send registry requests: {@code base} is {@code scheme://host[:port]}; {@code
 * credentialHost} is the name credentials are stored under ({@code docker.io} for Docker Hub's
 * API host); {@code mirror} marks a pull-through mirror, which may fall back to the next endpoint.
 */
public record Endpoint(URI base, HttpClient client, boolean mirror, String credentialHost) {
  /** {@code host[:port]} of the base URI. */
  public String authority() {
    return base.getRawAuthority();
  }

  public boolean plainHttp() {
    return base.getScheme().equals("http");
  }

  @Override
  public String toString() {
    return (mirror ? "mirror " : "") + base;
  }
}
