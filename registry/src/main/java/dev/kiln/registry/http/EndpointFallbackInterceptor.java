package dev.kiln.registry.http;

import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.DigestMismatch;
import dev.kiln.registry.RegistryException.TransportError;
import dev.kiln.registry.RegistryListener;
import dev.kiln.registry.hosts.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tries a request's endpoints in order. A mirror is left for the next endpoint on any failure,
 * including 4xx (mirrors may lack content or refuse credentials); an origin only when the
 * connection fails (the HTTPS→HTTP fallback of loopback and insecure hosts). Remembers that a host
 * answered over plain HTTP so later requests skip the failing HTTPS attempt.
 */
public final class EndpointFallbackInterceptor implements Interceptor {
  private final RegistryListener listener;
  private final Map<String, Boolean> plainHttpHosts = new ConcurrentHashMap<>();

  public EndpointFallbackInterceptor(RegistryListener listener) {
    this.listener = listener;
  }

  @Override
  public Response intercept(Chain chain) throws RegistryException {
    Request request = chain.request();
    List<Endpoint> endpoints = ordered(request.endpoints());
    for (int i = 0; ; i++) {
      Endpoint e = endpoints.get(i);
      boolean hasNext = i + 1 < endpoints.size();
      try {
        Response r = chain.proceed(request.withEndpoint(e));
        if (!hasNext || !e.mirror() || r.status() < 400) {
          remember(e);
          return r;
        }
        listener.fallback(request.action(), e.base(), endpoints.get(i + 1).base(), "HTTP " + r.status());
        r.close();
      } catch (DigestMismatch fatal) {
        throw fatal;
      } catch (RegistryException failure) {
        boolean canFallBack = hasNext && (e.mirror() || failure instanceof TransportError);
        if (!canFallBack) {
          throw failure;
        }
        listener.fallback(request.action(), e.base(), endpoints.get(i + 1).base(), failure.getMessage());
      }
    }
  }

  private List<Endpoint> ordered(List<Endpoint> endpoints) {
    List<Endpoint> out = new ArrayList<>(endpoints);
    // Drop an origin's HTTPS attempt once the same host is known to speak plain HTTP.
    out.removeIf(e -> !e.plainHttp() && !e.mirror() && plainHttpHosts.containsKey(e.authority())
        && endpoints.stream().anyMatch(o -> o.plainHttp() && o.authority().equals(e.authority())));
    return out;
  }

  private void remember(Endpoint e) {
    if (e.plainHttp()) {
      plainHttpHosts.put(e.authority(), Boolean.TRUE);
    }
  }
}
