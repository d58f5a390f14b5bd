package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * S8: a build's cache carried through the loopback registry. Each run, for Kiln (embedded) and
 * buildah in alternating order: from an empty store, the 20-step build of {@link
 * Contexts#cacheTravel} exporting its cache to a repository of its own (Kiln: {@code
 * --export-cache type=registry,ref=…,mode=max}; buildah: {@code --layers --cache-to REPO}, one
 * image per step, tagged by its cache key); then, from an empty store again, the same build
 * importing it (Kiln: {@code --import-cache type=registry,ref=…}; buildah: {@code --cache-from
 * REPO}, which pulls each step's image). Both phases end as every scenario does, with the image in an
 * OCI tarball with gzip layers (buildah: {@code buildah push oci-archive:}). Each run uses new
 * repositories, so nothing is already in the registry.
 */
final class CacheTravel {
  private final KilnEmbedded kiln;
  private final Buildah buildah;
  private final Path work;
  private final String registry;

  /** {@code registry}: host:port of the loopback registry. */
  CacheTravel(KilnEmbedded kiln, Buildah buildah, Path work, String registry) {
    this.kiln = kiln;
    this.buildah = buildah;
    this.work = work;
    this.registry = registry;
  }

  /** The registry part of an image reference on it ({@code 127.0.0.1:5000/bench/busybox:latest}). */
  static String registryOf(String image) {
    return image.substring(0, image.indexOf('/'));
  }

  void run(Report report, String base, int runs) throws Exception {
    Path ctx = Contexts.cacheTravel(work.resolve("ctx/s8"), base);
    Report.Runs exports = new Report.Runs();
    Report.Runs imports = new Report.Runs();
    for (int i = 0; i < runs; i++) {
      boolean kilnFirst = i % 2 == 0;
      for (int turn = 0; turn < 2; turn++) {
        if ((turn == 0) == kilnFirst) {
          String ref = registry + "/bench/s8-kiln-r" + i + ":cache";
          kiln.reset();
          exports.add("kiln", timed(out -> kiln.build(ctx, out, List.of("--export-cache", "type=registry,ref=" + ref + ",mode=max"))));
          kiln.reset();
          imports.add("kiln", timed(out -> kiln.build(ctx, out, List.of("--import-cache", "type=registry,ref=" + ref))));
        } else {
          String repo = registry + "/bench/s8-buildah-r" + i;
          buildah.reset();
          exports.add("buildah", timed(out -> buildah.build(ctx, out, List.of("--cache-to", repo))));
          buildah.reset();
          imports.add("buildah", timed(out -> buildah.build(ctx, out, List.of("--cache-from", repo))));
        }
      }
    }
    report.scenario("S8a cache export: cold 20-step build (500 MB of layers) + cache to the loopback registry", exports,
        "buildah", "none set");
    report.scenario("S8b cache import: empty store, same build with the cache from the registry", imports, "buildah", "none set");
  }

  private interface Build {
    Measured run(Path out) throws IOException, InterruptedException;
  }

  /** Runs one build into a fresh tarball and checks that it wrote one. */
  private Measured timed(Build build) throws IOException, InterruptedException {
    Path out = work.resolve("out/s8.tar");
    Files.deleteIfExists(out);
    Measured m = build.run(out);
    if (!Files.isRegularFile(out) || Files.size(out) == 0) throw new IOException("no image written to " + out);
    Files.delete(out);
    return m;
  }
}
