package dev.kiln.daemon.config;

/** {@code [worker.oci]}: the snapshotter ({@code auto}, {@code overlayfs}, {@code copy}) and GC settings. */
public record WorkerConfig(String snapshotter, GcConfig gc) {
  public static final WorkerConfig DEFAULT = new WorkerConfig("auto", GcConfig.DEFAULT);

  public WorkerConfig {
    java.util.Objects.requireNonNull(snapshotter, "snapshotter");
    java.util.Objects.requireNonNull(gc, "gc");
  }
}
