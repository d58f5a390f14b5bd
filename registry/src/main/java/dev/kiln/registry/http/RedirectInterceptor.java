package dev.kiln.registry.http;

import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.Rejected;
import java.net.URI;
import java.util.Objects;

/**
 * Follows redirects of GET/HEAD (blob downloads are often sent to a CDN or object store), at most
 * {@value #MAX_HOPS} hops. Credentials are dropped once the target leaves the registry's origin:
 * pre-signed URLs carry their own, and S3 rejects requests that carry two.
 */
public final class RedirectInterceptor implements Interceptor {
  static final int MAX_HOPS = 5;

  @Override
  public Response intercept(Chain chain) throws RegistryException {
    Request request = chain.request();
    URI origin = request.uri();
    for (int hop = 0; ; hop++) {
      Response r = chain.proceed(request);
      boolean redirect = switch (r.status()) {
        case 301, 302, 303, 307, 308 -> true;
        default -> false;
      };
      boolean followable = request.method().equals("GET") || request.method().equals("HEAD");
      if (!redirect || !followable || r.header("Location").isEmpty()) {
        return r;
      }
      r.close();
      if (hop == MAX_HOPS) {
        throw new Rejected(request.action(), r.status(), "more than " + MAX_HOPS + " redirects from " + origin);
      }
      URI next = request.uri().resolve(r.header("Location").orElseThrow());
      request = request.withTarget(request.method(), next.toString());
      if (!sameOrigin(origin, next)) {
        request = request.withoutHeader("Authorization");
      }
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getRawAuthority(), b.getRawAuthority());
  }
}
