package dev.kiln.engine.executor.runc;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a running container on cancellation and waits for {@code runc run} to exit. */
final class ContainerKiller {
  private static final System.Logger LOG = System.getLogger(ContainerKiller.class.getName());
  private static final long RETRY_MILLIS = 100;
  private static final long GIVE_UP_MILLIS = 10_000;

  private final Runc runc;

  ContainerKiller(Runc runc) {
    this.runc = runc;
  }

  /**
   * Sends KILL to the container's init (the pid namespace takes every other process with it) until
   * {@code runc run} exits; retried because a cancel may come before runc created the container.
   * Further interrupts are swallowed: the caller is already stopping, and leaving a container
   * behind would be worse than finishing the kill.
   */
  void killAndReap(String id, Process runcRun) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MILLIS);
    while (runcRun.isAlive() && System.nanoTime() < deadline) {
      Thread.interrupted();
      try {
        runc.kill(id);
        runcRun.waitFor(RETRY_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        // see above
      } catch (IOException e) {
        LOG.log(Level.WARNING, "runc kill " + id + " failed", e);
      }
    }
    Thread.interrupted();
    if (runcRun.isAlive()) {
      LOG.log(Level.WARNING, "runc run " + id + " survived KILL; killing runc itself");
      runcRun.destroyForcibly(); // the later `runc delete --force` removes the container
    }
  }

  /** Waits a little for the output pumps; their pipes close once the container is gone. */
  void joinQuietly(Future<?>... pumps) {
    for (Future<?> pump : pumps) {
      try {
        pump.get(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.interrupted(); // as in killAndReap: already stopping
      } catch (ExecutionException | TimeoutException e) {
        LOG.log(Level.DEBUG, "output pump did not finish", e);
      }
    }
  }
}
