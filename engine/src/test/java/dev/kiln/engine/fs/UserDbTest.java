package dev.kiln.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDbTest {
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void etc() throws Exception {
    root = tmp.resolve("root");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), """
        root:x:0:0:root:/root:/bin/sh
        # comment
        app:x:1000:1001::/home/app:/bin/sh
        """);
    Files.writeString(root.resolve("etc/group"), "root:x:0:\nstaff:x:50:app\napp:x:1001:\n");
  }

  @Test
  void namesAndNumbers() throws Exception {
    assertThat(UserDb.resolve(root, "app")).isEqualTo(new Owner(1000, 1001));
    assertThat(UserDb.resolve(root, "app:staff")).isEqualTo(new Owner(1000, 50));
    assertThat(UserDb.resolve(root, "1234")).isEqualTo(new Owner(1234, 1234));
    assertThat(UserDb.resolve(root, "1234:5")).isEqualTo(new Owner(1234, 5));
    assertThat(UserDb.resolve(root, "42:staff")).isEqualTo(new Owner(42, 50));
  }

  @Test
  void unknownNamesAreClearErrors() {
    assertThatThrownBy(() -> UserDb.resolve(root, "nobody"))
        .hasMessage("unknown user nobody: no matching entry in /etc/passwd");
    assertThatThrownBy(() -> UserDb.resolve(root, "app:wheel"))
        .hasMessage("unknown group wheel: no matching entry in /etc/group");
  }

  @Test
  void passwdIsReadThroughTheRoot() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(other.resolve("passwd"), "evil:x:7:7::/:/bin/sh\n");
    Files.delete(root.resolve("etc/passwd"));
    Files.createSymbolicLink(root.resolve("etc/passwd"), other.resolve("passwd"));
    assertThatThrownBy(() -> UserDb.resolve(root, "evil")).hasMessageContaining("unknown user");
  }
}
