package dev.kiln.registry.http;

import dev.kiln.registry.RegistryException;
import dev.kiln.registry.RegistryException.ServerError;
import dev.kiln.registry.RegistryException.TransportError;
import dev.kiln.registry.RegistryListener;
import java.time.Duration;

/**
 * Retries 5xx, 429 and retryable transport failures (resets, timeouts) with {@link Backoff},
 * telling the listener before each pause. After the last attempt a 5xx/429 becomes a {@link
 * ServerError}. Refused connections and TLS failures are not retried: they do not heal in seconds.
 */
public record RetryInterceptor(Backoff backoff, RegistryListener listener) implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws RegistryException {
    Request request = chain.request();
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt == backoff.maxAttempts();
      String reason;
      try {
        Response r = chain.proceed(request);
        if (!retryable(r.status())) {
          return r;
        }
        reason = r.status() + " " + r.bodySnippet();
        if (last) {
          throw new ServerError(request.action(), r.status(), attempt,
              "registry " + request.endpoint().base() + " answered " + reason.strip()
                  + (attempt > 1 ? " (gave up after " + attempt + " attempts)" : ""));
        }
      } catch (TransportError e) {
        if (!e.retryable() || last) {
          throw e;
        }
        reason = e.getMessage().substring(request.action().length() + 2);
      }
      pause(request, attempt, reason);
    }
  }

  private void pause(Request request, int attempt, String reason) throws TransportError {
    Duration delay = backoff.delayAfter(attempt);
    listener.retrying(request.action(), attempt, backoff.maxAttempts(), delay, reason);
    try {
      Backoff.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportError(request.action(), "interrupted while waiting to retry", false, e);
    }
  }

  static boolean retryable(int status) {
    return status == 429 || (status >= 500 && status != 501 && status != 505);
  }
}
