package dev.kiln.cli.client;

/**
 * Whether this process is shutting down (Ctrl-C, SIGTERM). An embedded build's engine is closed by
 * the shutdown hook, which fails the build's calls on its in-process channel: those failures are
 * the interruption's, not an unreachable daemon's, and are reported as such.
 */
public final class Interruption {
  private static volatile boolean shuttingDown;

  private Interruption() {}

  /** Called first thing by a shutdown hook that is about to cancel work. */
  public static void shuttingDown() {
    shuttingDown = true;
  }

  public static boolean isShuttingDown() {
    return shuttingDown;
  }
}
