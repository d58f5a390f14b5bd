package dev.kiln.engine.executor.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.engine.executor.ExecMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
  @TempDir Path dir;

  private RuncConfig config(Path secrets) {
    return new RuncConfig(dir.resolve("state"), RuncConfig.DEFAULT_RUNC, secrets, "kiln");
  }

  @Test
  void secretsGoToAPrivateDirectoryAndAreDeleted() throws Exception {
    Path secrets = dir.resolve("secrets");
    Bundle b = Bundle.create(config(secrets), "c1");
    Path file = b.writeSecret(new ExecMount.Secret("/s", new byte[] {42}, 0, 0, 0440));
    assertThat(file.getParent().getParent()).isEqualTo(secrets);
    assertThat(Files.getAttribute(secrets, "unix:mode")).isEqualTo(040700);
    assertThat(Files.getAttribute(file, "unix:mode")).isEqualTo(0100440);
    assertThat(Files.readAllBytes(file)).containsExactly(42);
    b.delete();
    assertThat(secrets.resolve("c1")).doesNotExist();
    assertThat(dir.resolve("state/executor/c1")).doesNotExist();
  }

  @Test
  void deleteRemovesKnownAndUnexpectedFiles() throws Exception {
    Bundle b = Bundle.create(config(dir.resolve("secrets")), "c4");
    b.write("hosts", new byte[] {1});
    Files.writeString(b.configFile(), "{}");
    Files.writeString(b.pidFile(), "1");
    b.delete();
    assertThat(b.dir()).doesNotExist();

    Bundle other = Bundle.create(config(dir.resolve("secrets")), "c5");
    Files.writeString(other.dir().resolve(".init.pid"), "1"); // runc's, left by a failure
    Files.createDirectories(other.dir().resolve("sub/dir"));
    other.delete();
    assertThat(other.dir()).doesNotExist();
  }

  @Test
  void aSecretsRootOthersCanEnterIsRefused() throws Exception {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.setAttribute(shared, "unix:mode", 0777);
    Bundle b = Bundle.create(config(shared), "c2");
    assertThatThrownBy(() -> b.writeSecret(new ExecMount.Secret("/s", new byte[0], 0, 0, 0400)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refusing to write secrets");
  }

  @Test
  void aSymlinkedSecretsRootIsRefused() throws Exception {
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.setAttribute(real, "unix:mode", 0700);
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    Bundle b = Bundle.create(config(link), "c3");
    assertThatThrownBy(() -> b.writeSecret(new ExecMount.Secret("/s", new byte[0], 0, 0, 0400)))
        .isInstanceOf(IOException.class);
  }
}
