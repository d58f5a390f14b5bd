package dev.kiln.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {
  private final KeyedLocks<String> locks = new KeyedLocks<>();

  @Test
  void forgetsAKeyOnceNoOneHoldsOrWaitsForIt() throws Exception {
    for (int i = 0; i < 1_000; i++) {
      try (var _ = locks.lock("blob-" + i)) {
        assertThat(locks.size()).isEqualTo(1);
      }
    }
    assertThat(locks.size()).isZero();
  }

  @Test
  void isReentrant() throws Exception {
    try (var _ = locks.lock("a"); var _ = locks.lockInterruptibly("a")) {
      assertThat(locks.size()).isEqualTo(1);
    }
    assertThat(locks.size()).isZero();
  }

  @Test
  void oneHolderPerKeyAtATime() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      threads.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 200; i++) {
          try (var _ = locks.lock("same")) {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            Thread.yield();
            inside.decrementAndGet();
          }
        }
      }));
    }
    for (Thread t : threads) t.join();
    assertThat(most.get()).isEqualTo(1);
    assertThat(locks.size()).isZero();
  }

  @Test
  void anInterruptedWaiterLeavesNoEntry() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    Thread waiter;
    try (var _ = locks.lock("a")) {
      waiter = Thread.ofVirtual().start(() -> {
        waiting.countDown();
        try (var _ = locks.lockInterruptibly("a")) {
          interrupted.addAndGet(100); // not reached: the lock stays held until the interrupt
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
        }
      });
      waiting.await();
      while (locks.size() == 1 && waiter.getState() != Thread.State.WAITING) Thread.sleep(5);
      waiter.interrupt();
      waiter.join();
    }
    assertThat(interrupted.get()).isEqualTo(1);
    assertThat(locks.size()).isZero();
  }
}
