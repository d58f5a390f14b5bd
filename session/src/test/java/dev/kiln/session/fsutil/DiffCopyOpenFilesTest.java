package dev.kiln.session.fsutil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.proto.fsutil.Packet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A context may hold more files than the process may open: the receiver must open a file only while
 * its data arrives, not when it requests it (20,000 requested files once exhausted the limit).
 */
class DiffCopyOpenFilesTest {
  private static final int FILES = 3_000;

  @Test
  void receiverHoldsOnlyFilesBeingWritten(@TempDir Path tmp) throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    for (int i = 0; i < FILES; i++) {
      Files.writeString(source.resolve("f" + i), "content " + i);
    }
    BlockingQueue<Packet> toReceiver = new LinkedBlockingQueue<>();
    BlockingQueue<Packet> toSender = new LinkedBlockingQueue<>();
    CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
      try {
        return DiffCopySender.send(source, PathFilter.ALL, false, channel(toSender, toReceiver, null));
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    long before = openDescriptors();
    long[] most = {before};
    long received = new DiffCopyReceiver(tmp.resolve("target"), false)
        .receive(channel(toReceiver, toSender, most));

    assertThat(sent.get()).isEqualTo(received);
    assertThat(Files.readString(tmp.resolve("target/f2999"))).isEqualTo("content 2999");
    assertThat(most[0] - before).as("descriptors opened at once by the receiver").isLessThan(100);
  }

  /** Packets in from one queue, out to the other; samples this process's open descriptors now and then. */
  private static PacketChannel channel(BlockingQueue<Packet> in, BlockingQueue<Packet> out, long[] most) {
    return new PacketChannel() {
      private int received;

      @Override
      public void send(Packet packet) {
        out.add(packet);
      }

      @Override
      public Packet receive() throws IOException {
        if (most != null && ++received % 50 == 0) most[0] = Math.max(most[0], openDescriptors());
        try {
          return in.take();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
    };
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
