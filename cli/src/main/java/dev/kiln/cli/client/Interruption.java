package dev.kiln.cli.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Whether this process is shutting down (Ctrl-C, SIGTERM). An embedded build's engine is closed by
 * the shutdown hook, which fails the build's calls on its in-process channel: those failures are
 * the interruption's, not an unreachable daemon's, and are reported as such.
 */
public final class Interruption {
  private static volatile boolean shuttingDown;
  private static final CountDownLatch REPORTED = new CountDownLatch(1);

  private Interruption() {}

  /** Called first thing by a shutdown hook that is about to cancel work. */
  public static void shuttingDown() {
    shuttingDown = true;
  }

  public static boolean isShuttingDown() {
    return shuttingDown;
  }

  /** Called by the main thread once the command has reported its outcome. */
  public static void reported() {
    REPORTED.countDown();
  }

  /**
   * Waits, at most {@code limit}, for the command to report its outcome: the JVM halts once its
   * shutdown hooks return, and the build's "interrupted" line must be printed before that.
   */
  public static void awaitReport(Duration limit) {
    try {
      REPORTED.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
