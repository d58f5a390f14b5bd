package dev.kiln.engine;

import dev.kiln.engine.cache.remote.CacheExportOptions;
import dev.kiln.engine.cache.remote.CacheImportOptions;
import dev.kiln.engine.source.BuildInputs;
import dev.kiln.llb.MarshalOptions;
import dev.kiln.llb.Platform;
import dev.kiln.llb.State;
import dev.kiln.proto.pb.Definition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * The builds of the cache crash tests and their victims: RUN steps that each write a few MB of
 * random bytes (slow to compress, so an export or import takes long enough to be killed in the
 * middle), a local cache directory, and a watcher that ends the process when a file starts to be
 * written in a directory.
 */
final class CacheCrashBuilds {
  static final int STEPS = 4;

  private CacheCrashBuilds() {}

  /** The build whose export is killed: 30 MB a step, so copying its blobs takes a while. */
  static final Definition B = definition("b", 30);
  /** The other build: 6 MB a step. */
  static final Definition A = definition("a", 6);

  /** {@code STEPS} RUN steps on busybox writing {@code mb} MB of random bytes each; {@code name} makes them differ. */
  private static Definition definition(String name, int mb) {
    State s = State.local("rootfs");
    for (int i = 0; i < STEPS; i++) {
      String step = name + i;
      s = s.run(r -> r.shlex("sh -c 'head -c " + mb + "000000 /dev/urandom > /" + step + " && echo " + step + " > /"
          + step + ".txt'")).root();
    }
    return s.marshal(MarshalOptions.defaults().withPlatform(Platform.LINUX_AMD64).withLocalUniqueId("t"));
  }

  static SolveRequest request(Path rootfs) {
    return SolveRequest.of(new BuildInputs(Map.of("rootfs", rootfs), Map.of()));
  }

  static CacheExportOptions exportTo(Path dir) {
    return CacheExportOptions.parse("local", Map.of("dest", dir.toString(), "mode", "max"));
  }

  static List<CacheImportOptions> importFrom(Path dir) {
    return List.of(CacheImportOptions.parse("local", Map.of("src", dir.toString())));
  }

  /**
   * Dies at once (as if killed: no shutdown hooks, nothing flushed or closed) as soon as a file whose
   * name starts with {@code prefix} is created in {@code dir}, i.e. while it is being written;
   * prints {@code marker} first. Watches with inotify (the JDK's WatchService on Linux), so a
   * short-lived file is not missed however late the watching thread runs.
   */
  static void dieWhileWriting(Path dir, String prefix, String marker) throws IOException {
    Files.createDirectories(dir);
    WatchService watcher = dir.getFileSystem().newWatchService();
    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
    Thread t = new Thread(() -> {
      try {
        while (true) {
          WatchKey key = watcher.take();
          for (WatchEvent<?> e : key.pollEvents()) {
            if (e.context() instanceof Path p && p.getFileName().toString().startsWith(prefix)) {
              System.out.println(marker);
              System.out.flush();
              Runtime.getRuntime().halt(137);
            }
          }
          key.reset();
        }
      } catch (InterruptedException e) {
        // the process is ending
      }
    });
    t.setDaemon(true);
    t.start();
  }
}
