package dev.kiln.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdleMemoryReleaseTest {
  private static final Duration QUIET = Duration.ofMillis(100);
  private final Semaphore collections = new Semaphore(0);
  private final IdleMemoryRelease release = new IdleMemoryRelease(QUIET, collections::release);

  @Test
  void collectsOnceAfterTheLastBuildEnds() throws Exception {
    release.started();
    release.ended();
    assertThat(collections.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    assertThat(collections.tryAcquire(3 * QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("once only").isFalse();
  }

  @Test
  void aBuildStartingWithinTheQuietTimeCancelsTheCollection() throws Exception {
    release.started();
    release.ended();
    release.started();
    assertThat(collections.tryAcquire(3 * QUIET.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    release.ended();
    assertThat(collections.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void waitsForEveryConcurrentBuild() throws Exception {
    release.started();
    release.started();
    release.ended();
    assertThat(collections.tryAcquire(3 * QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("one still running").isFalse();
    release.ended();
    assertThat(collections.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void collectsOnceAfterStartUpWithoutAnyBuild() throws Exception {
    release.startedUp();
    assertThat(collections.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    assertThat(collections.tryAcquire(3 * QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("once only").isFalse();
  }

  @Test
  void aBuildStartingRightAfterStartUpCancelsTheStartUpCollection() throws Exception {
    release.startedUp();
    release.started();
    assertThat(collections.tryAcquire(3 * QUIET.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    release.ended();
    assertThat(collections.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
  }
}
