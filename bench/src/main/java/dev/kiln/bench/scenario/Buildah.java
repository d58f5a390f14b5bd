package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer: {@code buildah build} with runc, layer caching and 4 parallel stages, then
 * {@code buildah push} to an {@code oci-archive:} (gzip layers), so it does the same work as
 * Kiln's OCI exporter. Its storage lives under the scenario's work directory.
 */
record Buildah(Path storage, Path log) implements Builder {
  private static final String TAG = "localhost/kiln-bench:latest";

  @Override
  public String name() {
    return "buildah";
  }

  private List<String> base(String... args) {
    List<String> argv = new ArrayList<>(List.of("buildah", "--root", storage.resolve("root").toString(),
        "--runroot", storage.resolve("run").toString(), "--storage-driver", "overlay"));
    argv.addAll(List.of(args));
    return argv;
  }

  @Override
  public void reset() throws IOException, InterruptedException {
    Trees.delete(storage);
  }

  @Override
  public Measured build(Path context, Path out) throws IOException, InterruptedException {
    return build(context, out, List.of());
  }

  /** As {@link #build(Path, Path)}, with more {@code buildah build} flags ({@code --cache-to REPO}…). */
  Measured build(Path context, Path out, List<String> flags) throws IOException, InterruptedException {
    List<String> build = base("build", "--runtime", "runc", "--layers", "--jobs", "4", "--network", "host",
        "--tls-verify=false", "--quiet", "-t", TAG, "-f", context.resolve("Dockerfile").toString());
    build.addAll(flags);
    build.add(context.toString());
    Measured built = TimedCommand.run(build, log);
    Measured pushed = TimedCommand.run(base("push", "--quiet", TAG, "oci-archive:" + out), log);
    return Measured.sum(built, pushed);
  }
}
