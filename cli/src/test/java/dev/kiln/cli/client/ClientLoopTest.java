package dev.kiln.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client's event loop lives while a channel uses it, so a finished command's JVM exits at once. */
class ClientLoopTest {
  private static boolean threadAlive(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
  }

  /** The loop has terminated when release returns; its thread ends a moment later. */
  private static boolean threadEnds(String prefix) throws InterruptedException {
    for (int i = 0; i < 200 && threadAlive(prefix); i++) Thread.sleep(5);
    return !threadAlive(prefix);
  }

  private static void startThread(ClientLoop loop) throws Exception {
    loop.acquire().next().submit(() -> {}).get(5, TimeUnit.SECONDS);
  }

  @Test
  void theLastReleaseStopsTheThreadAndALaterChannelStartsANewOne() throws Exception {
    ClientLoop loop = new ClientLoop("test-loop-a-");
    for (int round = 0; round < 2; round++) {
      startThread(loop);
      assertThat(threadAlive("test-loop-a-")).isTrue();
      loop.release();
      assertThat(threadEnds("test-loop-a-")).as("round " + round).isTrue();
    }
  }

  @Test
  void aChannelStillUsingItKeepsIt() throws Exception {
    ClientLoop loop = new ClientLoop("test-loop-b-");
    startThread(loop);
    startThread(loop);
    loop.release();
    assertThat(threadAlive("test-loop-b-")).isTrue();
    loop.release();
    assertThat(threadEnds("test-loop-b-")).isTrue();
    loop.release(); // more releases than channels: no effect
  }
}
