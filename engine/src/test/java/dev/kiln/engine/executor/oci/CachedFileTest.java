package dev.kiln.engine.executor.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedFileTest {
  @TempDir Path dir;

  @Test
  void aMissingFileIsEmptyUntilItAppears() throws Exception {
    Path file = dir.resolve("resolv.conf");
    CachedFile cached = new CachedFile(file);
    assertThat(cached.text()).isEmpty();
    Files.writeString(file, "nameserver 10.0.0.1\n");
    assertThat(cached.text()).isEqualTo("nameserver 10.0.0.1\n");
    Files.delete(file);
    assertThat(cached.text()).isEmpty();
  }

  @Test
  void aChangedSizeModificationTimeOrFileIsReadAgain() throws Exception {
    Path file = dir.resolve("resolv.conf");
    Files.writeString(file, "nameserver 10.0.0.1\n");
    CachedFile cached = new CachedFile(file);
    assertThat(cached.text()).isEqualTo("nameserver 10.0.0.1\n");

    Files.writeString(file, "nameserver 10.0.0.22\n"); // another size
    assertThat(cached.text()).isEqualTo("nameserver 10.0.0.22\n");

    FileTime before = Files.getLastModifiedTime(file);
    overwriteInPlace(file, "nameserver 10.0.0.33\n"); // same size and file
    Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 5000));
    assertThat(cached.text()).isEqualTo("nameserver 10.0.0.33\n");

    Path other = Files.writeString(dir.resolve("other"), "nameserver 10.0.0.44\n");
    Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));
    Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // same size and time, another file
    assertThat(cached.text()).isEqualTo("nameserver 10.0.0.44\n");
  }

  @Test
  void anUnchangedFileIsNotReadAgain() throws Exception {
    Path file = dir.resolve("resolv.conf");
    Files.writeString(file, "nameserver 10.0.0.1\n");
    CachedFile cached = new CachedFile(file);
    assertThat(cached.text()).isEqualTo("nameserver 10.0.0.1\n");
    FileTime before = Files.getLastModifiedTime(file);
    overwriteInPlace(file, "nameserver 10.0.0.9\n");
    Files.setLastModifiedTime(file, before); // indistinguishable by its attributes
    assertThat(cached.text()).isEqualTo("nameserver 10.0.0.1\n");
  }

  private static void overwriteInPlace(Path file, String text) throws Exception {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }
  }
}
