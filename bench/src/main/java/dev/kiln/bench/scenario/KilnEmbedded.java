package dev.kiln.bench.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code kiln build} in its default embedded mode: one CLI process runs the whole engine. */
record KilnEmbedded(Path launcher, Path root, Path log) implements Builder {
  @Override
  public String name() {
    return "kiln";
  }

  @Override
  public void reset() throws IOException {
    Trees.delete(root);
  }

  @Override
  public Measured build(Path context, Path out) throws IOException, InterruptedException {
    return build(context, out, List.of());
  }

  /** As {@link #build(Path, Path)}, with more {@code kiln build} flags ({@code --export-cache …}). */
  Measured build(Path context, Path out, List<String> flags) throws IOException, InterruptedException {
    var argv = new java.util.ArrayList<>(command(launcher, List.of("--root", root.toString()), context, out));
    argv.addAll(flags);
    return TimedCommand.run(argv, log);
  }

  static List<String> command(Path launcher, List<String> connection, Path context, Path out) {
    var argv = new java.util.ArrayList<String>(List.of(launcher.toString(), "build", context.toString()));
    argv.addAll(connection);
    argv.addAll(List.of("--progress", "plain", "-o", "type=oci,dest=" + out + ",compression=gzip"));
    return argv;
  }
}
