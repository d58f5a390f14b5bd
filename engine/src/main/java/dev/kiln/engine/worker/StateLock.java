package dev.kiln.engine.worker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time per state directory: starting sweeps what a crash left behind, which
 * would destroy the work of another live process.
 */
final class StateLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static StateLock acquire(Path root) throws IOException {
    Path file = root.resolve("lock");
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
      lock = null; // another engine in this JVM holds it: just as busy
    }
    if (lock == null) {
      ch.close();
      String owner = Files.readString(file).trim();
      throw new StateInUseException("the state directory " + root + " is in use by another Kiln process"
          + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; run builds through kilnd to share it, or use --root");
    }
    ch.truncate(0);
    ch.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes()));
    return new StateLock(ch, lock);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
