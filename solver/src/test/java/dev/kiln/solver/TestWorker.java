package dev.kiln.solver;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake worker: results are strings kept by id; counts live handles so tests can catch leaks. */
final class TestWorker implements ResultLoader {
  private final ConcurrentHashMap<String, String> stored = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger liveValues = new AtomicInteger();
  final AtomicInteger loads = new AtomicInteger();

  SharedResult<String> newResult(String value) {
    String id = "result-" + ids.incrementAndGet();
    stored.put(id, value);
    return track(id, value);
  }

  @Override
  public Optional<Result> load(String resultId) {
    loads.incrementAndGet();
    var value = stored.get(resultId);
    return value == null ? Optional.empty() : Optional.of(track(resultId, value));
  }

  /** Forgets a stored result, as garbage collection would. */
  void delete(String resultId) {
    stored.remove(resultId);
  }

  /** Underlying values with at least one live handle. */
  int live() {
    return liveValues.get();
  }

  static String value(Result result) {
    return ((SharedResult<?>) result).value().toString();
  }

  private SharedResult<String> track(String id, String value) {
    liveValues.incrementAndGet();
    return SharedResult.of(id, value, v -> liveValues.decrementAndGet());
  }
}
