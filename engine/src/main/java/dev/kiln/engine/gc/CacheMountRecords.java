package dev.kiln.engine.gc;

import dev.kiln.engine.ops.CacheMounts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistent cache directories of {@code RUN --mount=type=cache} ({@code exec.cachemount}),
 * measured when listed (RUN steps change them); last use is the directory's mtime, set on each
 * mount. One goes only while no RUN step has it mounted.
 */
record CacheMountRecords(CacheMounts cacheMounts) implements ExtraRecords {
  @Override
  public String prefix() {
    return UsageIndex.CACHE_MOUNT;
  }

  @Override
  public List<UsageRecord> list(long inUseSince) throws IOException {
    List<UsageRecord> out = new ArrayList<>();
    for (CacheMounts.CacheDir d : cacheMounts.list()) {
      out.add(ExtraRecords.directory(prefix() + d.name(), d.dir(), d.inUse(),
          "cached mount with id \"" + d.cacheId() + "\"", RecordType.EXEC_CACHEMOUNT));
    }
    return out;
  }

  @Override
  public boolean remove(String name, long fence) throws IOException {
    return cacheMounts.removeIfIdle(name);
  }
}
