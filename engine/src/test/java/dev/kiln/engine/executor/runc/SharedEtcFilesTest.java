package dev.kiln.engine.executor.runc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedEtcFilesTest {
  @TempDir Path tmp;

  @Test
  void theSameContentIsWrittenOnceAndWorldReadable() throws Exception {
    SharedEtcFiles files = new SharedEtcFiles(tmp.resolve("etc-files"));
    Path hosts = files.file("hosts", "127.0.0.1\tlocalhost\n").orElseThrow();
    assertThat(files.file("hosts", "127.0.0.1\tlocalhost\n")).contains(hosts);
    assertThat(hosts).hasContent("127.0.0.1\tlocalhost\n");
    assertThat(Files.getAttribute(hosts, "unix:mode")).isEqualTo(0100644);
    try (var entries = Files.list(tmp.resolve("etc-files"))) {
      assertThat(entries.toList()).containsExactly(hosts); // no temporary file left
    }
  }

  @Test
  void otherContentOrNameGetsAnotherFileAndLeavesTheFirstUnchanged() throws Exception {
    SharedEtcFiles files = new SharedEtcFiles(tmp);
    Path a = files.file("hosts", "a").orElseThrow();
    Path b = files.file("hosts", "b").orElseThrow();
    Path c = files.file("resolv.conf", "a").orElseThrow();
    assertThat(a).isNotEqualTo(b).isNotEqualTo(c).hasContent("a");
    assertThat(b).hasContent("b");
    assertThat(c.getFileName().toString()).startsWith("resolv.conf-");
  }

  @Test
  void beyondTheLimitCallersWriteTheirOwn() throws Exception {
    SharedEtcFiles files = new SharedEtcFiles(tmp);
    for (int i = 0; i < SharedEtcFiles.MAX_FILES; i++) assertThat(files.file("hosts", "h" + i)).isPresent();
    assertThat(files.file("hosts", "one more")).isEmpty();
    assertThat(files.file("hosts", "h0")).isPresent();
  }

  @Test
  void clearRemovesTheFilesAndTheDirectory() throws Exception {
    Path dir = tmp.resolve("etc-files");
    SharedEtcFiles files = new SharedEtcFiles(dir);
    Path hosts = files.file("hosts", "x").orElseThrow();
    files.clear();
    assertThat(dir).doesNotExist();
    Path again = files.file("hosts", "x").orElseThrow(); // written anew, not a stale path
    assertThat(again).hasContent("x");
    assertThat(hosts.getParent()).isEqualTo(again.getParent());
  }
}
