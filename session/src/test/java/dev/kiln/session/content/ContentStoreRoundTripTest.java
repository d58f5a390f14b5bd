package dev.kiln.session.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's content service over a layout directory, driven by the daemon's {@link ContentClient}. */
class ContentStoreRoundTripTest {
  @TempDir Path tmp;
  private Server server;
  private ManagedChannel channel;
  private Path layout;

  @BeforeEach
  void start() throws Exception {
    layout = Files.createDirectories(tmp.resolve("layout"));
    String name = "content-" + System.nanoTime();
    server = InProcessServerBuilder.forName(name).addService(new ContentProvider(Map.of("export", layout))).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  private static byte[] bytes(int size) {
    byte[] b = new byte[size];
    new Random(42).nextBytes(b);
    return b;
  }

  private static String digest(byte[] b) {
    return "sha256:" + LayoutStore.sha256Hex(b);
  }

  @Test
  void writesReadsAndSkipsWhatIsThere() throws Exception {
    byte[] blob = bytes(3 * (1 << 20) + 17); // several chunks
    String d = digest(blob);
    ContentClient client = new ContentClient(channel, "export");
    assertThat(client.size(d)).isEmpty();
    assertThat(client.write("layer-" + d, d, blob.length, () -> new ByteArrayInputStream(blob))).isTrue();
    assertThat(layout.resolve("blobs/sha256/" + d.substring(7))).hasBinaryContent(blob);
    assertThat(client.size(d)).contains((long) blob.length);
    try (InputStream in = client.open(d)) {
      assertThat(in.readAllBytes()).isEqualTo(blob);
    }
    // Present already: the data is never opened.
    assertThat(client.write("layer-" + d, d, blob.length, () -> {
      throw new AssertionError("opened the data of a blob the store has");
    })).isFalse();
  }

  @Test
  void anInterruptedIngestIsContinuedFromItsEnd() throws Exception {
    byte[] blob = bytes(100_000);
    String d = digest(blob);
    String ref = "layer-" + d;
    Files.write(new LayoutStore(layout).ingest(ref), java.util.Arrays.copyOf(blob, 40_000));
    long[] skipped = new long[1];
    new ContentClient(channel, "export").write(ref, d, blob.length, () -> new ByteArrayInputStream(blob) {
      @Override
      public void skipNBytes(long n) throws java.io.IOException {
        skipped[0] += n;
        super.skipNBytes(n);
      }
    });
    assertThat(skipped[0]).isEqualTo(40_000);
    assertThat(layout.resolve("blobs/sha256/" + d.substring(7))).hasBinaryContent(blob);
    try (var ingests = Files.list(layout.resolve("ingest"))) {
      assertThat(ingests).isEmpty();
    }
  }

  @Test
  void aBlobWhoseBytesDoNotMatchItsDigestIsNotPublished() throws Exception {
    byte[] blob = bytes(1000);
    String wrong = digest(bytes(999));
    assertThatThrownBy(() -> new ContentClient(channel, "export").write("layer-x", wrong, blob.length,
        () -> new ByteArrayInputStream(blob))).hasMessageContaining("unexpected commit");
    assertThat(layout.resolve("blobs/sha256/" + wrong.substring(7))).doesNotExist();
  }

  @Test
  void missingBlobsAndUnknownStoresAreReported() throws Exception {
    String d = digest(bytes(10));
    try (InputStream in = new ContentClient(channel, "export").open(d)) {
      assertThatThrownBy(in::read).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
    // As containerd's attachable store: an unknown id is NOT_FOUND, which a write cannot get past.
    assertThat(new ContentClient(channel, "local:/elsewhere").size(d)).isEmpty();
    assertThatThrownBy(() -> new ContentClient(channel, "local:/elsewhere").write("x", d, 10,
        () -> new ByteArrayInputStream(bytes(10)))).hasMessageContaining("unknown store local:/elsewhere");
    assertThatThrownBy(() -> new ContentClient(channel, "export").size("sha256:../../etc/passwd"))
        .hasMessageContaining("unsupported digest");
  }
}
