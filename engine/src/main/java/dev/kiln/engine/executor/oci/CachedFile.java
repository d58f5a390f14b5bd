package dev.kiln.engine.executor.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A small host file's text, read again only when the file (followed through symlinks), its size or
 * its modification time change, as BuildKit re-reads the host's resolv.conf only when its mtime
 * changed. Reading it on every RUN step (a file channel opened, read, closed and its bytes decoded)
 * was a quarter of the container setup's CPU samples; a stat is one system call. Thread-safe.
 */
final class CachedFile {
  private record Seen(Object fileKey, FileTime modified, long size, String text) {}

  private final Path path;
  private volatile Seen seen;

  CachedFile(Path path) {
    this.path = path;
  }

  /** The file's text; empty when it does not exist. */
  String text() throws IOException {
    BasicFileAttributes now;
    try {
      now = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      seen = null;
      return "";
    }
    Seen last = seen;
    if (last != null && Objects.equals(last.fileKey(), now.fileKey())
        && last.modified().equals(now.lastModifiedTime()) && last.size() == now.size()) {
      return last.text();
    }
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      seen = null;
      return "";
    }
    // Read after the stat: if the file changed in between, the next stat differs and reads again.
    seen = new Seen(now.fileKey(), now.lastModifiedTime(), now.size(), text);
    return text;
  }
}
