package dev.kiln.solver.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SingleFlightTest {
  private final SingleFlight<String, String, String> flight = new SingleFlight<>();

  @Test
  void concurrentCallersShareOneExecutionAndItsProgress() throws Exception {
    var gate = new CountDownLatch(1);
    var runs = new AtomicInteger();
    var seen = new ConcurrentHashMap<Integer, List<String>>();
    var first = new CountDownLatch(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<String>>();
      for (int i = 0; i < 8; i++) {
        int caller = i;
        seen.put(caller, new CopyOnWriteArrayList<>());
        futures.add(pool.submit(() -> flight.run("k", progress -> {
          runs.incrementAndGet();
          progress.accept("started");
          first.countDown();
          gate.await();
          progress.accept("done");
          return "value";
        }, event -> seen.get(caller).add(event))));
      }
      first.await();
      while (seen.values().stream().anyMatch(List::isEmpty)) {
        Thread.sleep(1); // wait until everyone has joined (they get "started" by replay)
      }
      gate.countDown();
      for (var f : futures) {
        assertThat(f.get()).isEqualTo("value");
      }
    }
    assertThat(runs).hasValue(1);
    assertThat(seen.values()).allSatisfy(events -> assertThat(events).containsExactly("started", "done"));
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void failuresReachEveryWaiter() {
    assertThatThrownBy(() -> flight.run("k", p -> {
      throw new IllegalStateException("boom");
    }, e -> {}))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void theWorkIsInterruptedOnlyWhenTheLastWaiterLeaves() throws Exception {
    var interrupted = new CountDownLatch(1);
    SingleFlight.Work<String, String> work = progress -> {
      progress.accept("started");
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
      return "never";
    };
    var firstJoined = new CountDownLatch(1);
    var secondJoined = new CountDownLatch(1);
    var first = Thread.ofVirtual().start(() -> call(work, firstJoined));
    firstJoined.await();
    var second = Thread.ofVirtual().start(() -> call(work, secondJoined));
    secondJoined.await(); // "started" replayed to the joiner: it is attached

    first.interrupt();
    first.join();
    assertThat(interrupted.await(50, TimeUnit.MILLISECONDS)).isFalse();
    second.interrupt();
    second.join();
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(flight.inFlight()).isZero();
  }

  @Test
  void awaitIdleWaitsForACancelledExecutionToWindDown() throws Exception {
    var windingDown = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    SingleFlight.Work<String, String> work = progress -> {
      progress.accept("started");
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        windingDown.countDown();
        while (true) { // e.g. stopping a container, releasing its mounts
          try {
            release.await();
            break;
          } catch (InterruptedException again) {
            // winding down is not interrupted
          }
        }
        throw e;
      }
      return "never";
    };
    var joined = new CountDownLatch(1);
    var caller = Thread.ofVirtual().start(() -> call(work, joined));
    joined.await();
    caller.interrupt();
    caller.join(); // the only waiter left: its call returned while the work winds down
    assertThat(windingDown.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(flight.inFlight()).as("forgotten: a new caller would start afresh").isZero();

    assertThat(flight.awaitIdle(java.time.Duration.ofMillis(100))).isFalse();
    release.countDown();
    assertThat(flight.awaitIdle(java.time.Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void awaitIdleReturnsAtOnceWhenNothingRan() throws Exception {
    assertThat(flight.awaitIdle(java.time.Duration.ZERO)).isTrue();
    assertThat(flight.run("k", p -> "v", e -> {})).isEqualTo("v");
    assertThat(flight.awaitIdle(java.time.Duration.ofSeconds(5))).isTrue();
  }

  private void call(SingleFlight.Work<String, String> work, CountDownLatch joined) {
    try {
      flight.run("k", work, e -> joined.countDown());
    } catch (InterruptedException | ExecutionException e) {
      // expected: this caller left
    }
  }

  @Test
  void sharingGivesEachWaiterItsOwnCopyAndDiscardsTheOriginal() throws Exception {
    var shares = new AtomicInteger();
    var discards = new AtomicInteger();
    var counted = new SingleFlight<String, String, String>(new SingleFlight.Sharing<>() {
      @Override
      public String share(String value) {
        shares.incrementAndGet();
        return value;
      }

      @Override
      public void discard(String value) {
        discards.incrementAndGet();
      }
    });
    assertThat(counted.run("k", p -> "v", e -> {})).isEqualTo("v");
    assertThat(shares).hasValue(1);
    assertThat(discards).hasValue(1);
  }

  /**
   * Exactly once: 200 callers on 5 keys all join before any work may finish, so each key runs once, and
   * executions of one key never overlap.
   */
  @RepeatedTest(10)
  void stressExactlyOnce() throws Exception {
    int callers = 200;
    var gate = new CountDownLatch(1);
    var attached = new CountDownLatch(callers);
    var executions = new ConcurrentHashMap<String, AtomicInteger>();
    var stressed = new SingleFlight<String, String, String>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<String>>();
      for (int i = 0; i < callers; i++) {
        String key = "k" + (i % 5);
        futures.add(pool.submit(() -> stressed.run(key, progress -> {
          executions.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
          progress.accept("started");
          gate.await();
          return key;
        }, e -> attached.countDown())));
      }
      assertThat(attached.await(10, TimeUnit.SECONDS)).isTrue();
      gate.countDown();
      for (int i = 0; i < callers; i++) {
        assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("k" + (i % 5));
      }
    }
    assertThat(executions).hasSize(5).allSatisfy((key, count) -> assertThat(count).hasValue(1));
    assertThat(stressed.inFlight()).isZero();
  }

  /**
   * Random departures: callers that stay always get their key's value (no lost wakeups, no hangs), and
   * every share handed out is either consumed or discarded exactly once.
   */
  @RepeatedTest(20)
  void stressWithRandomCancellation() throws Exception {
    var live = new AtomicInteger(); // shares handed out minus those consumed or discarded
    var discardedOriginals = new AtomicInteger();
    var producedOriginals = new AtomicInteger();
    var stressed = new SingleFlight<String, String, Integer>(new SingleFlight.Sharing<>() {
      @Override
      public String share(String value) {
        live.incrementAndGet();
        return "share:" + value;
      }

      @Override
      public void discard(String value) {
        if (value.startsWith("original:")) {
          discardedOriginals.incrementAndGet();
        } else {
          live.decrementAndGet();
        }
      }
    });
    int callers = 300;
    int stayed = 0;
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<String>>();
      var leaving = new ArrayList<Boolean>();
      for (int i = 0; i < callers; i++) {
        String key = "k" + (i % 7);
        futures.add(pool.submit(() -> {
          String value = stressed.run(key, progress -> {
            progress.accept(1);
            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            producedOriginals.incrementAndGet();
            return "original:" + key;
          }, e -> {});
          live.decrementAndGet(); // this caller consumed its share
          return value;
        }));
        leaving.add(ThreadLocalRandom.current().nextInt(3) == 0);
        if (leaving.getLast()) {
          Thread.sleep(0, ThreadLocalRandom.current().nextInt(100_000));
          futures.getLast().cancel(true);
        }
      }
      for (int i = 0; i < callers; i++) {
        if (!leaving.get(i)) {
          stayed++;
          assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("share:original:k" + (i % 7));
        }
      }
    }
    assertThat(stayed).isPositive();
    assertThat(stressed.inFlight()).isZero();
    assertThat(live).as("shares neither consumed nor discarded").hasValue(0);
    // Flight threads discard their original after waking the waiters, and cancelled executions may finish
    // later still: wait for them to settle.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (discardedOriginals.get() != producedOriginals.get() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(discardedOriginals).as("originals discarded once each").hasValue(producedOriginals.get());
  }
}
