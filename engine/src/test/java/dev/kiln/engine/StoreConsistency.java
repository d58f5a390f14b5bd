package dev.kiln.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.gc.UsageRecord;
import dev.kiln.llb.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a store must look like after a restart, whatever the previous process was doing when it
 * died: every usage record has its files and no snapshot directory lacks a record, nothing is left
 * half-removed or half-written, and every blob holds the bytes its digest names.
 */
final class StoreConsistency {
  private StoreConsistency() {}

  static void check(Engine engine, Path root) throws Exception {
    List<UsageRecord> records = engine.diskUsage(List.of());
    Set<String> snapshots = records.stream().map(UsageRecord::id).filter(id -> !id.contains(":")).collect(Collectors.toSet());
    assertThat(names(root.resolve("snapshots"))).as("snapshot directories").isEqualTo(snapshots);
    for (UsageRecord r : records) {
      if (r.id().startsWith("cachemount:")) assertThat(root.resolve("cachemounts").resolve(r.id().substring(11))).isDirectory();
      if (r.id().startsWith("git:")) assertThat(root.resolve("git").resolve(r.id().substring(4))).isDirectory();
    }
    for (String dir : new String[] {"cachemounts", "git"}) {
      assertThat(names(root.resolve(dir))).as("half-removed entries in " + dir).noneMatch(n -> n.startsWith(".removing-"));
    }
    assertThat(names(root.resolve("content/ingest"))).as("half-written blobs").isEmpty();
    FileContentStore content = new FileContentStore(root.resolve("content"));
    for (Digest d : content.list()) content.verify(d);
  }

  static Set<String> names(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) return Set.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
