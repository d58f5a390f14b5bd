package dev.kiln.engine.gc;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The git source's bare mirrors, one per remote ({@code source.git.checkout}, described as BuildKit
 * describes its shared repositories: {@code shared git repo for <url>}). Measured when listed
 * (fetches grow them); last use is the directory's mtime, stamped after each fetch and checkout.
 * A mirror goes only while no build fetches from it or checks out of it, and not while a build
 * that used it runs; the next build that needs the remote fetches it anew.
 */
record GitMirrorRecords(InUseDirs mirrors) implements ExtraRecords {
  static final String PREFIX = "git:";

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public List<UsageRecord> list(long inUseSince) throws IOException {
    List<UsageRecord> out = new ArrayList<>();
    for (InUseDirs.Entry e : mirrors.list()) {
      boolean usedByARunningBuild = Files.getLastModifiedTime(e.dir()).toMillis() >= inUseSince;
      out.add(ExtraRecords.directory(PREFIX + e.name(), e.dir(), e.inUse() || usedByARunningBuild, e.description(),
          RecordType.SOURCE_GIT_CHECKOUT));
    }
    return out;
  }

  @Override
  public boolean remove(String name, long fence) throws IOException {
    return mirrors.removeIfUnusedSince(name, fence);
  }
}
