package dev.kiln.registry.http;

import dev.kiln.registry.hosts.Endpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable registry request. {@code target} is a path such as {@code /v2/foo/manifests/1.0}
 * resolved against the first endpoint (the fallback interceptor narrows the list to one) or an
 * absolute URI (an upload {@code Location}). {@code scopes} are the token scopes it needs ({@code
 * repository:foo:pull}); {@code action} describes it for error messages.
 */
public record Request(
    String method,
    List<Endpoint> endpoints,
    String target,
    Map<String, List<String>> headers,
    Optional<Body> body,
    List<String> scopes,
    String action) {
  public Request {
    Objects.requireNonNull(method, "method");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no endpoint for " + action);
    }
    endpoints = List.copyOf(endpoints);
    headers = copy(headers);
    scopes = List.copyOf(scopes);
  }

  public static Request of(
      String method, List<Endpoint> endpoints, String target, List<String> scopes, String action) {
    return new Request(method, endpoints, target, Map.of(), Optional.empty(), scopes, action);
  }

  public Endpoint endpoint() {
    return endpoints.getFirst();
  }

  public URI uri() {
    return endpoint().base().resolve(target);
  }

  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
  }

  /** A copy with {@code name} set to {@code value} (replacing earlier values). */
  public Request withHeader(String name, String value) {
    Map<String, List<String>> h = new LinkedHashMap<>(headers);
    h.put(name.toLowerCase(java.util.Locale.ROOT), List.of(value));
    return new Request(method, endpoints, target, h, body, scopes, action);
  }

  public Request withoutHeader(String name) {
    Map<String, List<String>> h = new LinkedHashMap<>(headers);
    h.remove(name.toLowerCase(java.util.Locale.ROOT));
    return new Request(method, endpoints, target, h, body, scopes, action);
  }

  public Request withBody(Body b) {
    return new Request(method, endpoints, target, headers, Optional.of(b), scopes, action);
  }

  public Request withEndpoint(Endpoint e) {
    return new Request(method, List.of(e), target, headers, body, scopes, action);
  }

  /** Another request on the same endpoint (e.g. following a redirect or an upload Location). */
  public Request withTarget(String method, String newTarget) {
    return new Request(method, List.of(endpoint()), newTarget, headers, body, scopes, action);
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> in) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(new ArrayList<>(v))));
    return java.util.Collections.unmodifiableMap(out);
  }
}
