package dev.kiln.daemon.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void parsesTheThreeForms() {
    assertThat(ListenAddress.parse("unix:///run/kiln/kilnd.sock")).isEqualTo(new ListenAddress.Unix(Path.of("/run/kiln/kilnd.sock")));
    assertThat(ListenAddress.parse("tcp://0.0.0.0:1234")).isEqualTo(new ListenAddress.Tcp("0.0.0.0", 1234));
    assertThat(ListenAddress.parse("fd://")).isEqualTo(new ListenAddress.Fd());
  }

  @Test
  void rejectsOtherFormsNamingTheAddress() {
    for (String bad : new String[] {"http://x:1", "tcp://nohost", "unix://", "/run/kilnd.sock"}) {
      assertThatThrownBy(() -> ListenAddress.parse(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
    }
  }

  @Test
  void systemdSocketsAreOnlyTakenWhenMeantForThisProcess() {
    assertThatThrownBy(() -> SystemdSockets.take(Map.of(), 42)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> SystemdSockets.take(Map.of("LISTEN_FDS", "1", "LISTEN_PID", "41"), 42))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("LISTEN_PID");
  }
}
