package dev.kiln.engine.source.local;

import dev.kiln.engine.cache.contenthash.LocalContextChecksums;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The checksum state of the context directories built most recently, at most {@code capacity} of
 * them. Each holds a stat key and digest per file (20,000 entries for a 20,000-file context), and a
 * long-lived daemon sees a new directory per project, so keeping every directory it ever met grew
 * without bound. A directory dropped here loses nothing: its memo file is written after each
 * checksum and is read again the next time. Thread-safe.
 */
final class RecentContexts {
  static final int DEFAULT_CAPACITY = 8;

  private final Function<Path, LocalContextChecksums> open;
  private final Map<Path, LocalContextChecksums> byDirectory;

  RecentContexts(int capacity, Function<Path, LocalContextChecksums> open) {
    this.open = open;
    this.byDirectory = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Path, LocalContextChecksums> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The state of {@code dir}, opened (cheap: the memo is read on first use) when not held. */
  synchronized LocalContextChecksums of(Path dir) {
    return byDirectory.computeIfAbsent(dir, open);
  }

  synchronized int size() {
    return byDirectory.size();
  }
}
