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
import java.util.stream.Stream;

/**
 * The builds of the cache crash tests and their victims: RUN steps that each write a few MB of
 * random bytes (slow to compress, so an export or import takes long enough to be killed in the
 * middle), a local cache directory, and a watcher that ends the process when a directory holds
 * a half-written file.
 */
final class CacheCrashBuilds {
  static final int STEPS = 4;

  private CacheCrashBuilds() {}

  /** {@code STEPS} RUN steps on busybox; {@code name} makes the steps (and their cache) differ. */
  static Definition definition(String name) {
    State s = State.local("rootfs");
    for (int i = 0; i < STEPS; i++) {
      String step = name + i;
      s = s.run(r -> r.shlex("sh -c 'head -c 6000000 /dev/urandom > /" + step + " && echo " + step + " > /" + step + ".txt'"))
          .root();
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
   * name starts with {@code prefix} appears in {@code dir}, i.e. while it is being written; prints
   * {@code marker} first. Polls on a daemon thread.
   */
  static void dieWhileWriting(Path dir, String prefix, String marker) {
    Thread t = new Thread(() -> {
      while (true) {
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            if (files.anyMatch(f -> f.getFileName().toString().startsWith(prefix))) {
              System.out.println(marker);
              System.out.flush();
              Runtime.getRuntime().halt(137);
            }
          } catch (IOException e) {
            // a file went while listing: look again
          }
        }
        Thread.onSpinWait();
      }
    });
    t.setDaemon(true);
    t.start();
  }
}
