package dev.kiln.solver.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CacheKeyStorage} must do (BuildKit {@code solver/testutil/cachestorage_testsuite.go}).
 * Extend it with a {@link #newStorage()} that returns an empty storage; this module publishes it in its
 * test-jar so the engine's persistent storage runs the same suite.
 */
public abstract class CacheKeyStorageContract {
  protected CacheKeyStorage storage;

  /** A fresh, empty storage; called before every test. */
  protected abstract CacheKeyStorage newStorage() throws Exception;

  @BeforeEach
  void createStorage() throws Exception {
    storage = newStorage();
  }

  protected static CacheRecord record(String resultId, String vertex, String op, Instant at, InputComponent... inputs) {
    var recipe = new CacheKeyRecipe(op, 0, List.of(inputs));
    return new CacheRecord(recipe.key(), resultId, at, vertex, recipe);
  }

  @Test
  void loadsWhatWasSavedWithItsRecipe() {
    var saved = record("r1", "sha256:v", "sha256:op", Instant.parse("2026-01-01T00:00:00Z"),
        new InputComponent.ByKey(0, "", "sha256:in"),
        new InputComponent.ByContent(1, "/src", "sha256:content"));
    storage.save(saved);
    assertThat(storage.load(saved.key())).contains(saved);
    assertThat(storage.load("sha256:unknown")).isEmpty();
  }

  @Test
  void savingAgainReplacesTheRecord() {
    var first = record("r1", "sha256:v", "sha256:op", Instant.parse("2026-01-01T00:00:00Z"));
    var second = new CacheRecord(first.key(), "r2", first.createdAt().plusSeconds(1), "sha256:v", first.recipe());
    storage.save(first);
    storage.save(second);
    assertThat(storage.load(first.key())).contains(second);
  }

  @Test
  void removesAKey() {
    var saved = record("r1", "sha256:v", "sha256:op", Instant.now());
    storage.save(saved);
    assertThat(storage.remove(saved.key())).isTrue();
    assertThat(storage.remove(saved.key())).isFalse();
    assertThat(storage.load(saved.key())).isEmpty();
  }

  @Test
  void removingAResultDropsEveryKeyThatPointsAtIt() {
    var a = record("gone", "sha256:v", "sha256:op-a", Instant.now());
    var b = record("gone", "sha256:v", "sha256:op-b", Instant.now());
    var c = record("kept", "sha256:v", "sha256:op-c", Instant.now());
    List.of(a, b, c).forEach(storage::save);
    assertThat(storage.removeResult("gone")).isEqualTo(2);
    assertThat(storage.load(a.key())).isEmpty();
    assertThat(storage.load(b.key())).isEmpty();
    assertThat(storage.load(c.key())).contains(c);
  }

  @Test
  void findsRecordsByVertexAndByOpNewestFirst() {
    var t0 = Instant.parse("2026-01-01T00:00:00Z");
    var old = record("r1", "sha256:v", "sha256:op", t0, new InputComponent.ByKey(0, "", "k1"));
    var mid = record("r2", "sha256:v", "sha256:op", t0.plusSeconds(1), new InputComponent.ByKey(0, "", "k2"));
    var newest = record("r3", "sha256:w", "sha256:op", t0.plusSeconds(2), new InputComponent.ByKey(0, "", "k3"));
    var other = record("r4", "sha256:x", "sha256:other", t0.plusSeconds(3));
    List.of(mid, other, old, newest).forEach(storage::save);

    assertThat(storage.findByVertex("sha256:v")).containsExactly(mid, old);
    assertThat(storage.findByOp("sha256:op")).containsExactly(newest, mid, old);
    assertThat(storage.findByVertex("sha256:none")).isEmpty();
  }

  @Test
  void concurrentSavesAndLoadsAreSafe() throws Exception {
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (int i = 0; i < 64; i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          var saved = record("r" + n, "sha256:v" + n, "sha256:op" + n, Instant.now());
          storage.save(saved);
          assertThat(storage.load(saved.key())).contains(saved);
          return null;
        }));
      }
      for (var f : futures) {
        f.get();
      }
    }
    for (int i = 0; i < 64; i++) {
      assertThat(storage.findByOp("sha256:op" + i)).hasSize(1);
    }
  }
}
