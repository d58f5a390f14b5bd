package dev.kiln.cli.progress;

import dev.kiln.proto.control.StatusResponse;
import java.io.PrintStream;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The CLI's entry point to progress: feed it every {@code StatusResponse} of a build (from any
 * thread, in stream order), {@link #close()} it when the stream ends, then ask for the {@link
 * #failureSummary()} if the build failed. Progress goes to the error stream, as buildctl's does, so
 * standard output stays free for build results ({@code --output type=tar,dest=-}).
 */
public final class ProgressDisplay implements Consumer<StatusResponse>, AutoCloseable {
  /** How often the TTY display redraws while nothing arrives, so timers keep moving. */
  static final long TICK_MILLIS = 150;

  private final ProgressModel model;
  private final Renderer renderer;
  private final ScheduledExecutorService ticker;
  private boolean closed;

  private ProgressDisplay(ProgressModel model, Renderer renderer, ScheduledExecutorService ticker) {
    this.model = model;
    this.renderer = renderer;
    this.ticker = ticker;
  }

  /**
   * @param mode the {@code --progress} value; AUTO picks TTY when {@code isTty}
   * @param err where progress is written; not closed by the display
   * @param isTty whether {@code err} is a terminal
   * @param terminalSize asked before every TTY frame, so resizes are honoured
   */
  public static ProgressDisplay create(
      ProgressMode mode, PrintStream err, boolean isTty, Supplier<TerminalSize> terminalSize) {
    ProgressModel model = new ProgressModel();
    return switch (mode.resolve(isTty)) {
      case TTY -> {
        TtyRenderer tty = new TtyRenderer(err, model, terminalSize, InstantSource.system());
        ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kiln-progress-tty").factory());
        ticker.scheduleAtFixedRate(tty::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        yield new ProgressDisplay(model, tty, ticker);
      }
      case PLAIN -> new ProgressDisplay(model, new PlainRenderer(err), null);
      case RAWJSON -> new ProgressDisplay(model, new RawJsonRenderer(err), null);
      case QUIET -> new ProgressDisplay(model, new QuietRenderer(), null);
      case AUTO -> throw new AssertionError("AUTO is resolved above");
    };
  }

  /** A display over a given renderer (e.g. a TTY renderer on a fake clock), with no timer thread; for tests. */
  static ProgressDisplay forTest(Renderer renderer, ProgressModel model) {
    return new ProgressDisplay(model, renderer, null);
  }

  /** Merges one message and renders it; serialized so renderers see messages in stream order. */
  @Override
  public synchronized void accept(StatusResponse response) {
    if (!closed) {
      renderer.onUpdate(response, model.apply(response));
    }
  }

  /** Flushes held-back output and draws the final state. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
      awaitTicker();
    }
    renderer.close(model.finish(), model.snapshot());
  }

  private void awaitTicker() {
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The failed steps and their last output, or empty if none failed. Call after {@link #close()}. */
  public Optional<FailureSummary> failureSummary() {
    return FailureSummary.of(model.snapshot());
  }

  /** The merged progress, e.g. for a build summary or tests. */
  public ProgressModel model() {
    return model;
  }
}
