package dev.kiln.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's event loop: stopped once its channels are, so the JVM exits without waiting for it. */
class ConnectionsTest {
  @TempDir Path dir;

  private static boolean loopThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().startsWith("kiln-client-") && t.isAlive());
  }

  @Test
  void closingTheLoopStopsItsThreadAndALaterChannelStartsANewOne() throws Exception {
    for (int round = 0; round < 2; round++) {
      ManagedChannel channel = Connections.open("unix://" + dir.resolve("no-daemon.sock"));
      channel.getState(true); // connect (and fail): the loop's thread starts
      for (int i = 0; i < 100 && !loopThreadAlive(); i++) Thread.sleep(10);
      assertThat(loopThreadAlive()).isTrue();
      assertThat(channel.getState(false)).isNotEqualTo(ConnectivityState.SHUTDOWN);
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      Connections.closeLoop();
      assertThat(loopThreadAlive()).as("round " + round).isFalse();
    }
  }
}
