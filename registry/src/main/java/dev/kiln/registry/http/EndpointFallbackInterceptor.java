package dev.kiln.registry.http;

import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.DigestMismatch;
import dev.kiln.registry.RegistryException.TransportError;
import dev.kiln.registry.RegistryListener;
import dev.kiln.registry.hosts.Endpoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tries a request's endpoints in order. A mirror is left for the next endpoint on any failure,
 * including 4xx (mirrors may lack content or refuse credentials). An origin is left only when its
 * scheme is wrong: the connection or TLS handshake fails, or a plain-HTTP request gets the "HTTP
 * request to an HTTPS server" 400. The scheme that worked is remembered per host, so later
 * requests go straight to it (and a real 400 from that host is never mistaken for a wrong scheme).
 */
public final class EndpointFallbackInterceptor implements Interceptor {
  private final RegistryListener listener;
  private final Map<String, String> workingScheme = new ConcurrentHashMap<>();

  public EndpointFallbackInterceptor(RegistryListener listener) {
    this.listener = listener;
  }

  @Override
  public Response intercept(Chain chain) throws RegistryException {
    Request request = chain.request();
    List<Endpoint> endpoints = ordered(request.endpoints());
    for (int i = 0; ; i++) {
      Endpoint e = endpoints.get(i);
      Endpoint next = i + 1 < endpoints.size() ? endpoints.get(i + 1) : null;
      try {
        Response r = chain.proceed(request.withEndpoint(e));
        if (next != null && !e.mirror() && e.plainHttp() && r.status() == 400) {
          String body = r.bodySnippet();
          if (body.toUpperCase(Locale.ROOT).contains("HTTPS")) {
            listener.fallback(request.action(), e.base(), next.base(), body);
            continue;
          }
          r = new Response(r.status(), r.headers(), new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), r.request());
        }
        workingScheme.put(e.authority(), e.base().getScheme()); // it answered: the scheme is right
        if (e.mirror() && r.status() >= 400) {
          int skip = nextHost(endpoints, i);
          if (skip < endpoints.size()) {
            listener.fallback(request.action(), e.base(), endpoints.get(skip).base(), "HTTP " + r.status());
            r.close();
            i = skip - 1;
            continue;
          }
        }
        return r;
      } catch (DigestMismatch fatal) {
        throw fatal;
      } catch (RegistryException failure) {
        if (next == null || !(e.mirror() || failure instanceof TransportError)) {
          throw failure;
        }
        listener.fallback(request.action(), e.base(), next.base(), failure.getMessage());
      }
    }
  }

  /** The index of the first endpoint after {@code i} on another host (a mirror's other scheme is pointless). */
  private static int nextHost(List<Endpoint> endpoints, int i) {
    int j = i + 1;
    while (j < endpoints.size() && endpoints.get(j).authority().equals(endpoints.get(i).authority())) {
      j++;
    }
    return j;
  }

  /** Drops an endpoint whose host is known to answer on the other scheme. */
  private List<Endpoint> ordered(List<Endpoint> endpoints) {
    List<Endpoint> kept = endpoints.stream().filter(e -> {
      String known = workingScheme.get(e.authority());
      return known == null || known.equals(e.base().getScheme());
    }).toList();
    return kept.isEmpty() ? endpoints : kept;
  }
}
