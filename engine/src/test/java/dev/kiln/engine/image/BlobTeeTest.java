package dev.kiln.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The pipe from a download to its layer's unpacker. */
class BlobTeeTest {
  private static final byte[] BLOB = new byte[3 << 20];

  static {
    new Random(42).nextBytes(BLOB);
  }

  /** Writes {@code BLOB} in the registry client's 64 KiB pieces on another thread, then completes. */
  private static Future<Void> download(BlobTee tee) {
    return CompletableFuture.runAsync(() -> {
      try {
        for (int off = 0; off < BLOB.length; off += 64 << 10) {
          tee.write(BLOB, off, Math.min(64 << 10, BLOB.length - off));
        }
        tee.completed();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
  }

  @Test
  void aStartedReaderGetsEveryByteThenTheEnd() throws Exception {
    BlobTee tee = new BlobTee();
    BlobTee.Reader reader = tee.reader();
    Future<Void> download = download(tee);
    reader.awaitData();
    reader.start();
    assertThat(reader.readAllBytes()).isEqualTo(BLOB);
    download.get();
  }

  @Test
  void aDownloadDoesNotWaitForAReaderThatHasNotStarted() throws Exception {
    BlobTee tee = new BlobTee();
    BlobTee.Reader reader = tee.reader();
    BlobTee big = new BlobTee(); // more than the pipe holds, with nobody reading
    Future<Void> unread = CompletableFuture.runAsync(() -> {
      try {
        for (int i = 0; i < 100; i++) big.write(BLOB, 0, 64 << 10);
        big.completed();
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    unread.get(); // returns: the download went on
    InputStream late = big.reader();
    assertThatThrownBy(late::readAllBytes).isInstanceOf(BlobTee.Restarted.class).hasMessageContaining("without its reader");
    download(tee).get(); // a small blob fits the pipe whether or not the reader started
    assertThat(reader.readAllBytes()).isEqualTo(BLOB);
  }

  @Test
  void aDownloadStartingOverOrFailingBreaksTheStream() throws Exception {
    BlobTee restarted = new BlobTee();
    restarted.write(BLOB, 0, 100);
    restarted.restarted();
    assertThatThrownBy(() -> restarted.reader().readAllBytes()).isInstanceOf(BlobTee.Restarted.class);

    BlobTee failed = new BlobTee();
    failed.write(BLOB, 0, 100);
    failed.failed("digest mismatch");
    BlobTee.Reader reader = failed.reader();
    assertThatThrownBy(reader::readAllBytes).hasMessage("digest mismatch");
    assertThatThrownBy(reader::read).hasMessage("digest mismatch"); // never an end of stream
    failed.completed(); // too late: the stream stays broken
    assertThatThrownBy(reader::read).hasMessage("digest mismatch");
  }

  @Test
  void aBlobAlreadyStoredIsNotStreamed() throws Exception {
    BlobTee tee = new BlobTee();
    tee.notStreamed();
    assertThatThrownBy(() -> tee.reader().read(new byte[10])).isInstanceOf(BlobTee.NotStreamed.class);
  }

  @Test
  void aFirstRestartBeforeAnyByteIsNoRestart() throws Exception {
    BlobTee tee = new BlobTee();
    tee.restarted(); // the first open of the ingest
    tee.write(BLOB, 0, 10);
    tee.completed();
    assertThat(tee.reader().readAllBytes()).isEqualTo(Arrays.copyOf(BLOB, 10));
  }
}
