package dev.kiln.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client's event loop lives while a channel uses it, so a finished command's JVM exits at once. */
class ClientLoopTest {
  private static boolean threadAlive(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
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
      assertThat(threadAlive("test-loop-a-")).as("round " + round).isFalse();
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
    assertThat(threadAlive("test-loop-b-")).isFalse();
    loop.release(); // more releases than channels: no effect
  }
}
