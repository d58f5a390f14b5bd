package dev.kiln.engine;

import dev.kiln.engine.worker.EngineConfig;
import java.nio.file.Path;

/**
 * Builds "a" importing its cache from a local directory and asks for the result's files (as a local
 * output would); dies while a layer blob is being fetched.
 */
public final class CacheImportCrashVictim {
  private CacheImportCrashVictim() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path rootfs = Path.of(args[1]);
    Path cache = Path.of(args[2]);
    try (Engine engine = Engine.open(EngineConfig.at(root))) {
      CacheCrashBuilds.dieWhileWriting(root.resolve("content/ingest"), "", "IMPORTING");
      try (SolveResult r = engine.solve(CacheCrashBuilds.A,
          CacheCrashBuilds.request(rootfs).withCacheImports(CacheCrashBuilds.importFrom(cache)))) {
        r.snapshotId(); // an imported result is lazy: asking for its files fetches and unpacks the layers
      }
      System.out.println("IMPORTED");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
