package dev.kiln.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ForkTest {
  private final JobThreads job = new JobThreads();

  @Test
  void aSinglePendingTaskRunsOnTheCallingThread() throws Exception {
    Thread caller = Thread.currentThread();
    List<Object> values = Fork.all(job, List.of(new Fork.Done<>("ready"), () -> Thread.currentThread()));
    assertThat(values).containsExactly("ready", caller);
  }

  @Test
  void severalPendingTasksRunConcurrently() throws Exception {
    var bothStarted = new CountDownLatch(2);
    Fork.Task<Boolean> meet = () -> {
      bothStarted.countDown();
      return bothStarted.await(10, TimeUnit.SECONDS);
    };
    assertThat(Fork.all(job, List.of(meet, meet))).containsExactly(true, true);
  }

  @Test
  void aDeepChainOfSingleTasksDoesNotOverflowTheStack() throws Exception {
    assertThat(chain(20_000)).isEqualTo(20_000);
  }

  @Test
  void anInlineTaskSeesTheCallersInterruptAndItsFailureReachesTheCaller() {
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> Fork.all(job, List.of(() -> {
      Thread.sleep(10_000);
      return 1;
    }))).isInstanceOf(InterruptedException.class);
    assertThatThrownBy(() -> Fork.all(job, List.<Fork.Task<Integer>>of(() -> {
      throw new IllegalStateException("boom");
    }))).hasMessage("boom");
  }

  /** Nested single-task forks, as a long chain of steps solves its inputs. */
  private int chain(int depth) throws InterruptedException {
    if (depth == 0) return 0;
    return Fork.all(job, List.<Fork.Task<Integer>>of(() -> chain(depth - 1))).getFirst() + 1;
  }
}
