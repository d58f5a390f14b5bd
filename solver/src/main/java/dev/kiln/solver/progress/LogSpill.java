package dev.kiln.solver.progress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only temp file holding log bytes that no longer fit in memory. Not thread-safe: the owning
 * {@link ProgressLog} serialises access. The file is created on first write and deleted on {@link #close}.
 */
final class LogSpill implements AutoCloseable {
  /** Where a spilled chunk lives in the file. */
  record Chunk(long offset, int length) {}

  private final Path directory;
  private Path file;
  private FileChannel channel;
  private long size;

  LogSpill(Path directory) {
    this.directory = directory;
  }

  Chunk append(byte[] data) throws IOException {
    if (channel == null) {
      file = Files.createTempFile(directory, "kiln-progress-", ".log");
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    var buffer = ByteBuffer.wrap(data);
    long offset = size;
    while (buffer.hasRemaining()) {
      size += channel.write(buffer, size);
    }
    return new Chunk(offset, data.length);
  }

  byte[] read(Chunk chunk) {
    var buffer = ByteBuffer.allocate(chunk.length());
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, chunk.offset() + buffer.position()) < 0) {
          throw new IOException("progress spill file " + file + " is shorter than expected");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading spilled progress logs from " + file, e);
    }
    return buffer.array();
  }

  @Override
  public void close() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("deleting progress spill file " + file, e);
    } finally {
      channel = null;
    }
  }
}
