package dev.kiln.daemon.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarWriterTest {
  @TempDir Path tmp;

  @Test
  void systemTarReadsWhatWeWrite() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("tree/dir"));
    Files.writeString(tree.resolve("file.txt"), "content");
    String longName = "n".repeat(120);
    Files.writeString(tree.resolve(longName), "long");
    Files.createSymbolicLink(tree.resolve("link"), Path.of("file.txt"));
    Path tar = tmp.resolve("out.tar");
    try (OutputStream out = Files.newOutputStream(tar)) {
      TarWriter.write(tmp.resolve("tree"), out);
    }
    Path extracted = Files.createDirectories(tmp.resolve("x"));
    Process p = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", extracted.toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(extracted.resolve("dir/file.txt")).hasContent("content");
    assertThat(extracted.resolve("dir/" + longName)).hasContent("long");
    assertThat(Files.readSymbolicLink(extracted.resolve("dir/link"))).isEqualTo(Path.of("file.txt"));
  }

  @Test
  void sameTreeSameBytes() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("t"));
    for (String n : new String[] {"b", "a", "c"}) Files.writeString(tree.resolve(n), n);
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    TarWriter.write(tree, one);
    TarWriter.write(tree, two);
    assertThat(one.toByteArray()).isEqualTo(two.toByteArray());
  }
}
