package dev.kiln.daemon;

import dev.kiln.proto.pb.Platform;
import dev.kiln.proto.types.BuildkitVersion;
import dev.kiln.proto.types.WorkerRecord;

/** What {@code ListWorkers} and {@code Info} report about this daemon. */
final class WorkerInfo {
  static final String VERSION = "0.1.0";

  private WorkerInfo() {}

  static WorkerRecord record(String snapshotter) {
    return WorkerRecord.newBuilder()
        .setID("kiln")
        .putLabels("org.mobyproject.buildkit.worker.executor", "oci")
        .putLabels("org.mobyproject.buildkit.worker.snapshotter", snapshotter)
        .putLabels("org.mobyproject.buildkit.worker.network", "host")
        .addPlatforms(Platform.newBuilder().setOS("linux").setArchitecture(arch()))
        .setBuildkitVersion(version())
        .build();
  }

  static BuildkitVersion version() {
    return BuildkitVersion.newBuilder().setPackage("dev.kiln/kilnd").setVersion(VERSION).build();
  }

  private static String arch() {
    return switch (System.getProperty("os.arch")) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> System.getProperty("os.arch");
    };
  }
}
