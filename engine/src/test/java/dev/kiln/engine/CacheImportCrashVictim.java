package dev.kiln.engine;

import dev.kiln.engine.worker.EngineConfig;
import java.nio.file.Path;

/** Builds "a" importing its cache from a local directory; dies while a layer blob is being fetched. */
public final class CacheImportCrashVictim {
  private CacheImportCrashVictim() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path rootfs = Path.of(args[1]);
    Path cache = Path.of(args[2]);
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      CacheCrashBuilds.dieWhileWriting(root.resolve("content/ingest"), "", "IMPORTING");
      engine.solve(CacheCrashBuilds.A,
          CacheCrashBuilds.request(rootfs).withCacheImports(CacheCrashBuilds.importFrom(cache))).close();
      System.out.println("IMPORTED");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
