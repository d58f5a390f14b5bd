package dev.kiln.engine.image;

import dev.kiln.registry.RegistryListener;
import dev.kiln.solver.progress.ProgressWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Shows the registry client's recoveries (retries, mirror fallbacks) in the progress of the step
 * that made the request. The client is shared by every build, so the step is found through a
 * scoped value bound around the request on the thread that makes it.
 */
public final class RegistryProgress implements RegistryListener {
  private static final ScopedValue<ProgressWriter> STEP = ScopedValue.newInstance();

  /** Work that talks to a registry. */
  public interface Request<T> {
    T run() throws IOException;
  }

  /** Runs {@code request} with recoveries reported to {@code progress} (none when null). */
  public static <T> T reportingTo(ProgressWriter progress, Request<T> request) throws IOException {
    if (progress == null) return request.run();
    return ScopedValue.where(STEP, progress).call(request::run);
  }

  @Override
  public void retrying(String action, int attempt, int maxAttempts, Duration delay, String reason) {
    log("%s failed (attempt %d of %d): %s; retrying in %.1fs".formatted(action, attempt, maxAttempts, reason,
        delay.toMillis() / 1000.0));
  }

  @Override
  public void fallback(String action, URI failed, URI next, String reason) {
    log("%s: %s failed (%s); trying %s".formatted(action, failed, reason, next));
  }

  private static void log(String line) {
    if (STEP.isBound()) STEP.get().log(2, (line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
