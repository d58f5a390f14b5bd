package dev.kiln.engine.executor.runc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRunDirsTest {
  @TempDir Path shared;

  private Path privateDir(String name) throws Exception {
    return Files.createDirectory(shared.resolve(name),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  private static void age(Path dir, Duration by) throws Exception {
    Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(by)));
  }

  @Test
  void aRunDirectoryWhoseStateRootIsGoneIsRemovedWithItsContent() throws Exception {
    Path gone = privateDir("kiln-run-000000000001");
    StaleRunDirs.mark(gone, shared.resolve("deleted-root"));
    Files.createDirectories(gone.resolve("executor/c1"));
    Files.writeString(gone.resolve("executor/c1/config.json"), "{}");
    Path alive = privateDir("kiln-run-000000000002");
    StaleRunDirs.mark(alive, Files.createDirectory(shared.resolve("live-root")));

    StaleRunDirs.sweep(shared, shared.resolve("kiln-run-own"));

    assertThat(gone).doesNotExist();
    assertThat(alive.resolve(StaleRunDirs.MARKER)).exists();
  }

  @Test
  void theOwnDirectoryAndOtherUsersOrSharedOnesAreKept() throws Exception {
    Path own = privateDir("kiln-run-000000000003");
    StaleRunDirs.mark(own, shared.resolve("deleted-root"));
    Path open = Files.createDirectory(shared.resolve("kiln-run-000000000004"));
    Files.setAttribute(open, "unix:mode", 0755);
    StaleRunDirs.mark(open, shared.resolve("deleted-root"));
    Path unrelated = privateDir("other-000000000005");
    age(unrelated, Duration.ofDays(1));

    StaleRunDirs.sweep(shared, own);

    assertThat(own).isDirectory();
    assertThat(open).isDirectory();
    assertThat(unrelated).isDirectory();
  }

  @Test
  void earlierLayoutDirectoriesGoOnlyWhenIdleLongEnoughAndHoldingNoFiles() throws Exception {
    Path idleEmpty = privateDir("kiln-secrets-000000000006");
    Files.createDirectories(idleEmpty.resolve("executor"));
    age(idleEmpty, Duration.ofHours(2));
    Path recent = privateDir("kiln-secrets-000000000007");
    Path withFile = privateDir("kiln-secrets-000000000008");
    Files.writeString(withFile.resolve("f"), "x");
    age(withFile, Duration.ofHours(2));
    Path unmarkedRunDir = privateDir("kiln-run-000000000009"); // a day for these
    Files.createDirectories(unmarkedRunDir.resolve("runc"));
    age(unmarkedRunDir, Duration.ofHours(2));
    Path oldUnmarkedRunDir = privateDir("kiln-run-00000000000a");
    Files.createDirectories(oldUnmarkedRunDir.resolve("executor"));
    age(oldUnmarkedRunDir, Duration.ofDays(2));

    StaleRunDirs.sweep(shared, shared.resolve("kiln-run-own"));

    assertThat(idleEmpty).doesNotExist();
    assertThat(recent).isDirectory();
    assertThat(withFile).isDirectory();
    assertThat(unmarkedRunDir).isDirectory();
    assertThat(oldUnmarkedRunDir).doesNotExist();
  }
}
