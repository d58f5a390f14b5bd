package dev.kiln.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.proto.control.StatusResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class TtyRendererTest {
  private static final int WIDTH = 80;

  /** A local clock the test moves by hand. */
  private static final class ManualClock implements InstantSource {
    Instant now = Script.T0;

    @Override
    public Instant instant() {
      return now;
    }

    void advance(double seconds) {
      now = now.plus(Duration.ofNanos(Math.round(seconds * 1e9)));
    }
  }

  private final FakeTerminal terminal = new FakeTerminal();
  private final ManualClock clock = new ManualClock();
  private final ProgressModel model = new ProgressModel();
  private final TtyRenderer tty = new TtyRenderer(terminal.stream(), model, () -> new TerminalSize(WIDTH, 20), clock);
  private final ProgressDisplay display = ProgressDisplay.forTest(tty, model);

  /** Feeds messages 200ms of local time apart, so each one may redraw. */
  private void feed(List<StatusResponse> messages) {
    for (StatusResponse m : messages) {
      clock.advance(0.2);
      display.accept(m);
    }
  }

  /** A job line: text left, time ending one column before the right edge. */
  private static String job(String text, String time) {
    return text + " ".repeat(WIDTH - 1 - text.length() - time.length()) + time;
  }

  @Test
  void runningStepsShowTheirLastOutputLinesDimmedUnderThem() {
    feed(Scenario.firstHalf());
    clock.advance(0.1);
    tty.tick();

    // The skew was fixed at the first draw after a start: local T0+0.4 ↔ daemon T0.
    assertThat(terminal.screen())
        .containsExactly(
            "[+] Building 3.1s (3/5)",
            job(" => [internal] load build definition from Dockerfile", "0.1s"),
            job(" => => transferring dockerfile: 60B", "0.0s"),
            job(" => WARN: JSONArgsRecommended: JSON arguments recommended for CMD", "0.0s"),
            job(" => CACHED [base 1/1] FROM docker.io/library/alpine:3.19", "0.0s"),
            job(" => [internal] load build context", "0.1s"),
            job(" => => transferring context: 2.05kB / 2.05kB", "0.1s"),
            job(" => [a 2/2] RUN sleep 6 && echo a", "2.1s"),
            " => => # a1",
            " => => # a2",
            " => => # a3",
            job(" => [b 2/2] RUN echo b", "2.1s"),
            " => => # b1");
  }

  @Test
  void redrawsInPlaceAndEndsWithACollapsedFinalFrame() {
    feed(Scenario.firstHalf());
    feed(Scenario.secondHalf());
    display.close();

    assertThat(terminal.screen())
        .containsExactly(
            "[+] Building 8.2s (8/8) FINISHED",
            job(" => [internal] load build definition from Dockerfile", "0.1s"),
            job(" => => transferring dockerfile: 60B", "0.0s"),
            job(" => WARN: JSONArgsRecommended: JSON arguments recommended for CMD", "0.0s"),
            job(" => CACHED [base 1/1] FROM docker.io/library/alpine:3.19", "0.0s"),
            job(" => [internal] load build context", "0.1s"),
            job(" => => transferring context: 2.05kB / 2.05kB", "0.1s"),
            job(" => [a 2/2] RUN sleep 6 && echo a", "6.0s"),
            job(" => [b 2/2] RUN echo b", "5.6s"),
            job(" => exporting to image", "0.4s"),
            job(" => ERROR [final 2/3] RUN echo boom && exit 3", "0.2s"),
            job(" => CANCELED [final 3/3] RUN sleep 100", "0.2s"));
  }

  @Test
  void updatesCloserThanTheMinimumIntervalWaitForTheNextTick() {
    clock.advance(1);
    display.accept(Script.vertexes(Script.started("sha256:x", "x", 0)));
    display.accept(Script.vertexes(Script.started("sha256:y", "y", 0)));

    assertThat(terminal.screen()).containsExactly("[+] Building 0.0s (0/1)", job(" => x", "0.0s"));

    clock.advance(0.5);
    tty.tick();
    assertThat(terminal.screen())
        .containsExactly("[+] Building 0.5s (0/2)", job(" => x", "0.5s"), job(" => y", "0.5s"));
  }

  @Test
  void aShortTerminalKeepsRunningStepsAndDropsFinishedOnesFirst() {
    TtyRenderer small = new TtyRenderer(terminal.stream(), model, () -> new TerminalSize(WIDTH, 5), clock);
    ProgressDisplay d = ProgressDisplay.forTest(small, model);
    for (int i = 1; i <= 4; i++) {
      d.accept(Script.vertexes(Script.done("sha256:d" + i, "done " + i, 0, 0.5)));
    }
    d.accept(Script.vertexes(Script.started("sha256:r", "running", 0.5)));
    clock.advance(1);
    small.tick();

    assertThat(terminal.screen())
        .containsExactly(
            "[+] Building 1.0s (4/5)", job(" => done 3", "0.5s"), job(" => done 4", "0.5s"), job(" => running", "0.5s"));
  }
}
