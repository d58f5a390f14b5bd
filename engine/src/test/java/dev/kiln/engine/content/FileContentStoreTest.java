package dev.kiln.engine.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileContentStoreTest extends ContentStoreContract {
  @TempDir Path root;

  @Override
  ContentStore store() throws Exception {
    return new FileContentStore(root);
  }

  @Test
  void detectsCorruptionOnVerify() throws Exception {
    FileContentStore s = new FileContentStore(root);
    s.write(new ByteArrayInputStream(HELLO), HELLO_DIGEST, HELLO.length);
    Files.writeString(s.blobPath(HELLO_DIGEST), "tampered");
    assertThatThrownBy(() -> s.verify(HELLO_DIGEST)).isInstanceOf(ContentMismatchException.class).hasMessageContaining("corrupt");
  }

  @Test
  void sweepRemovesPartialIngests() throws Exception {
    FileContentStore s = new FileContentStore(root);
    try (Ingest i = s.ingest("partial")) {
      i.write(HELLO, 0, 2);
    }
    s.sweepIngests();
    try (Ingest i = s.ingest("partial")) {
      assertThat(i.offset()).isZero();
    }
  }

  @Test
  void anIngestItsWriterVerifiesChecksTheSizeAndTakesTheDigestAsGiven() throws Exception {
    FileContentStore s = new FileContentStore(root);
    try (Ingest i = s.ingestVerifiedByWriter("short")) {
      i.write(HELLO, 0, 2);
      assertThatThrownBy(() -> i.commit(HELLO_DIGEST, HELLO.length)).isInstanceOf(ContentMismatchException.class);
    }
    assertThat(s.exists(HELLO_DIGEST)).isFalse();
    try (Ingest i = s.ingestVerifiedByWriter("whole")) {
      i.write(HELLO, 0, HELLO.length);
      assertThat(i.commit(HELLO_DIGEST, HELLO.length)).isEqualTo(HELLO_DIGEST);
    }
    s.verify(HELLO_DIGEST);
    try (Stream<Path> left = Files.list(root.resolve("ingest"))) {
      assertThat(left).isEmpty();
    }
  }
}
