package dev.kiln.solver;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Input handles cloned for a shared execution. Exactly one side ends up owning them: the execution, if it
 * starts, or the job that offered them, if it joined someone else's execution or left before it started.
 */
final class InputHandoff {
  private final List<Result> inputs;
  private final AtomicBoolean claimed = new AtomicBoolean();

  InputHandoff(List<Result> borrowed) {
    this.inputs = borrowed.stream().map(Result::clone).toList();
  }

  /** For the execution: the inputs, now owned by the caller. */
  List<Result> take() throws InterruptedException {
    if (claimed.getAndSet(true)) {
      throw new InterruptedException("execution abandoned before it started");
    }
    return inputs;
  }

  /** For the offering job, after the flight: releases the inputs unless the execution took them. */
  void reclaim() {
    if (!claimed.getAndSet(true)) {
      inputs.forEach(Result::release);
    }
  }
}
