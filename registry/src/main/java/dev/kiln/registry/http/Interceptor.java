package dev.kiln.registry.http;

import dev.kiln.registry.RegistryException;

/**
 * One concern of sending a request (endpoint fallback, retry, auth, redirects), in OkHttp's chain
 * style: observe or rewrite the request, call {@link Chain#proceed} zero or more times, and return
 * a response. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Interceptor {
  Response intercept(Chain chain) throws RegistryException;

  /** The rest of the chain as seen from one interceptor. */
  interface Chain {
    Request request();

    Response proceed(Request request) throws RegistryException;
  }
}
