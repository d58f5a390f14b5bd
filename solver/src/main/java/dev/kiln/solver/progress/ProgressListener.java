package dev.kiln.solver.progress;

/**
 * Receives a job's progress events in order. Called while the job's progress lock is held, so an
 * implementation must be quick and must not block (hand events to a queue if rendering is slow) and must
 * not throw.
 */
@FunctionalInterface
public interface ProgressListener {
  void onEvent(ProgressEvent event);
}
