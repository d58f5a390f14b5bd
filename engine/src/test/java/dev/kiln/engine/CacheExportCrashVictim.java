package dev.kiln.engine;

import dev.kiln.engine.worker.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports build "a"'s cache to a local directory (keeping a copy of its {@code index.json}), then
 * builds "b" and dies while exporting its cache to the same directory: while a blob is half-copied
 * into it, or earlier, while a layer is being compressed into the content store.
 */
public final class CacheExportCrashVictim {
  private CacheExportCrashVictim() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path rootfs = Path.of(args[1]);
    Path cache = Path.of(args[2]);
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      try (SolveResult r = engine.solve(CacheCrashBuilds.A, CacheCrashBuilds.request(rootfs))) {
        engine.exportCache(r, CacheCrashBuilds.exportTo(cache));
      }
      Files.copy(cache.resolve("index.json"), Path.of(args[3]));
      try (SolveResult r = engine.solve(CacheCrashBuilds.B, CacheCrashBuilds.request(rootfs))) {
        // "cache": while a blob is copied into the cache directory; "content": while a layer is compressed.
        if (args[4].equals("cache")) {
          CacheCrashBuilds.dieWhileWriting(cache.resolve("blobs/sha256"), ".ingest-", "EXPORTING");
        } else {
          CacheCrashBuilds.dieWhileWriting(root.resolve("content/ingest"), "", "EXPORTING");
        }
        engine.exportCache(r, CacheCrashBuilds.exportTo(cache));
      }
      System.out.println("EXPORTED");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
