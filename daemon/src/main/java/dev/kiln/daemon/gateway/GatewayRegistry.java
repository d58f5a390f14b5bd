package dev.kiln.daemon.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Gateway builds by build id; LLBBridge calls wait (bounded) for theirs, as BuildKit does (3 s). Thread-safe. */
public final class GatewayRegistry {
  private final Map<String, GatewayBuild> builds = new HashMap<>();

  public synchronized void register(String ref, GatewayBuild build) {
    builds.put(ref, build);
    notifyAll();
  }

  public synchronized void remove(String ref) {
    builds.remove(ref);
  }

  synchronized Optional<GatewayBuild> await(String ref, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!builds.containsKey(ref)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return Optional.empty();
      wait(Math.max(1, left / 1_000_000));
    }
    return Optional.of(builds.get(ref));
  }
}
