package dev.kiln.engine.gc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Size and free space of the file system holding the store, for {@code maxUsedSpace} and {@code minFreeSpace}. */
public record DiskStats(long total, long free) {
  public static final DiskStats UNKNOWN = new DiskStats(0, 0);

  public static DiskStats of(Path dir) {
    try {
      var store = Files.getFileStore(dir);
      return new DiskStats(store.getTotalSpace(), store.getUsableSpace());
    } catch (IOException e) {
      return UNKNOWN;
    }
  }
}
