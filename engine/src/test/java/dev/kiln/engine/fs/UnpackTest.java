package dev.kiln.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.sys.PosixFiles;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackTest {
  static final Instant T = Instant.parse("2015-05-05T05:05:05Z");
  @TempDir Path tmp;

  interface Wrap {
    OutputStream wrap(OutputStream out) throws Exception;
  }

  Path tar(String name, Wrap wrap) throws Exception {
    Path file = tmp.resolve("src").resolve(name);
    Files.createDirectories(file.getParent());
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = wrap.wrap(raw);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      dir(tar, "top/");
      file(tar, "top/hello.txt", "hello", 0640, 1000);
      TarArchiveEntry link = new TarArchiveEntry("top/link", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/etc");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      file(tar, "top/link/through-link", "stays inside", 0644, 0);
      TarArchiveEntry hard = new TarArchiveEntry("top/hard", TarArchiveEntry.LF_LINK);
      hard.setLinkName("top/hello.txt");
      tar.putArchiveEntry(hard);
      tar.closeArchiveEntry();
    }
    return file;
  }

  static void dir(TarArchiveOutputStream tar, String name) throws Exception {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(0750);
    e.setLastModifiedTime(FileTime.from(T));
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  static void file(TarArchiveOutputStream tar, String name, String body, int mode, int uid)
      throws Exception {
    byte[] data = body.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    e.setMode(mode);
    e.setUserId(uid);
    e.setLastModifiedTime(FileTime.from(T));
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "gzip", "bzip2", "xz"})
  void extractsEveryCompression(String kind) throws Exception {
    Wrap wrap = switch (kind) {
      case "gzip" -> GzipCompressorOutputStream::new;
      case "bzip2" -> BZip2CompressorOutputStream::new;
      case "xz" -> XZCompressorOutputStream::new;
      default -> out -> out;
    };
    tar("a.tar", wrap);
    Path dest = Files.createDirectories(tmp.resolve("dest"));
    FileActions.copy(tmp.resolve("src"), dest, unpack("/a.tar", "/out/"));
    assertThat(dest.resolve("out/top/hello.txt")).hasContent("hello");
    assertThat(PosixFiles.lstat(dest.resolve("out/top/hello.txt")).perm()).isEqualTo(0640);
    assertThat(PosixFiles.lstat(dest.resolve("out/top/hello.txt")).uid()).isEqualTo(1000);
    assertThat(PosixFiles.lstat(dest.resolve("out/top")).mtime()).isEqualTo(T);
    assertThat(PosixFiles.lstat(dest.resolve("out/top")).perm()).isEqualTo(0750);
    // the archive's /etc symlink is re-rooted at the destination directory
    assertThat(dest.resolve("out/etc/through-link")).hasContent("stays inside");
    assertThat(PosixFiles.lstat(dest.resolve("out/top/hard")).ino())
        .isEqualTo(PosixFiles.lstat(dest.resolve("out/top/hello.txt")).ino());
  }

  @Test
  void nonArchiveIsCopiedAsIs() throws Exception {
    Files.createDirectories(tmp.resolve("src"));
    Files.writeString(tmp.resolve("src/notes.tar"), "just text, not a tar".repeat(100));
    Path dest = Files.createDirectories(tmp.resolve("dest"));
    FileActions.copy(tmp.resolve("src"), dest, unpack("/notes.tar", "/out/"));
    assertThat(dest.resolve("out/notes.tar")).exists();
  }

  @Test
  void escapingEntryIsRejected() throws Exception {
    Path file = tmp.resolve("src/evil.tar");
    Files.createDirectories(file.getParent());
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
      file(tar, "../../evil", "x", 0644, 0);
    }
    Path dest = Files.createDirectories(tmp.resolve("dest"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> FileActions.copy(tmp.resolve("src"), dest, unpack("/evil.tar", "/out")))
        .hasMessageContaining("points outside the destination");
    assertThat(tmp.resolve("evil")).doesNotExist();
  }

  static Copy unpack(String src, String dest) {
    return new Copy(src, dest, null, null, false, false, true, true, false, false, null,
        List.of(), List.of(), false);
  }
}
