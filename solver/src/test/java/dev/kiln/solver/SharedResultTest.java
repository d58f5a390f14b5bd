package dev.kiln.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedResultTest {
  @Test
  void theUnderlyingValueIsReleasedOnceWhenTheLastHandleGoes() {
    var releases = new AtomicInteger();
    var first = SharedResult.of("r1", "snapshot", v -> releases.incrementAndGet());
    var second = first.clone();
    assertThat(second.id()).isEqualTo("r1");
    assertThat(first.references()).isEqualTo(2);

    first.release();
    first.release(); // a second release of one handle is a no-op
    assertThat(releases).hasValue(0);
    assertThat(second.value()).isEqualTo("snapshot");
    second.close();
    assertThat(releases).hasValue(1);
    assertThatThrownBy(second::value).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(second::clone).isInstanceOf(IllegalStateException.class);
  }
}
