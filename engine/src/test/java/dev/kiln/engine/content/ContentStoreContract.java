package dev.kiln.engine.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.llb.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ContentStore} must have; each implementation's test extends this. */
abstract class ContentStoreContract {
  abstract ContentStore store() throws Exception;

  static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.UTF_8);
  static final Digest HELLO_DIGEST = Digest.of(HELLO);

  @Test
  void writesAndReadsVerifiedBlobs() throws Exception {
    ContentStore s = store();
    assertThat(s.write(new ByteArrayInputStream(HELLO), HELLO_DIGEST, HELLO.length)).isEqualTo(HELLO_DIGEST);
    assertThat(s.size(HELLO_DIGEST)).contains((long) HELLO.length);
    try (InputStream in = s.open(HELLO_DIGEST)) {
      assertThat(in.readAllBytes()).isEqualTo(HELLO);
    }
    s.verify(HELLO_DIGEST);
    assertThat(s.list()).containsExactly(HELLO_DIGEST);
  }

  @Test
  void rejectsDigestMismatchAndStoresNothing() throws Exception {
    ContentStore s = store();
    Digest wrong = Digest.of("other".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> s.write(new ByteArrayInputStream(HELLO), wrong, -1))
        .isInstanceOf(ContentMismatchException.class).hasMessageContaining("digest mismatch");
    assertThat(s.exists(wrong)).isFalse();
    assertThat(s.list()).isEmpty();
  }

  @Test
  void rejectsSizeMismatch() throws Exception {
    ContentStore s = store();
    assertThatThrownBy(() -> s.write(new ByteArrayInputStream(HELLO), HELLO_DIGEST, 3))
        .isInstanceOf(ContentMismatchException.class).hasMessageContaining("size mismatch");
    assertThat(s.exists(HELLO_DIGEST)).isFalse();
  }

  @Test
  void resumesAnInterruptedIngest() throws Exception {
    ContentStore s = store();
    try (Ingest first = s.ingest("layer-1")) {
      first.write(HELLO, 0, 3);
    }
    try (Ingest second = s.ingest("layer-1")) {
      assertThat(second.offset()).isEqualTo(3);
      second.write(HELLO, 3, HELLO.length - 3);
      assertThat(second.commit(HELLO_DIGEST, HELLO.length)).isEqualTo(HELLO_DIGEST);
    }
    s.verify(HELLO_DIGEST);
  }

  @Test
  void writingAnExistingBlobIsANoOp() throws Exception {
    ContentStore s = store();
    s.write(new ByteArrayInputStream(HELLO), null, -1);
    assertThat(s.write(new ByteArrayInputStream(HELLO), HELLO_DIGEST, HELLO.length)).isEqualTo(HELLO_DIGEST);
    s.delete(HELLO_DIGEST);
    assertThat(s.exists(HELLO_DIGEST)).isFalse();
  }
}
