package dev.kiln.daemon.export;

import dev.kiln.proto.control.SolveRequest;
import java.util.Map;

/**
 * Where a build's result goes, parsed once from the request (buildkit-wire §2.6). The client keeps
 * {@code dest} to itself for {@code local} and {@code tar}: the daemon only streams to the session.
 */
public sealed interface ExportSpec {
  /** No exporter: the result stays in the build cache. */
  record None() implements ExportSpec {}

  /** The result's files, sent to the client as a directory. */
  record Local(LocalOptions options) implements ExportSpec {}

  /** The result's files as one tarball. */
  record Tar() implements ExportSpec {}

  /** The result as an image tarball ({@code oci} or {@code docker}), streamed like {@code tar}. */
  record ImageTarball(String type, Map<String, String> attrs) implements ExportSpec {
    public ImageTarball {
      attrs = Map.copyOf(attrs);
    }
  }

  /** {@code type=image}: the image stays in the daemon's store and is pushed with {@code push=true}. */
  record ImageStore(Map<String, String> attrs) implements ExportSpec {
    public ImageStore {
      attrs = Map.copyOf(attrs);
    }
  }

  static ExportSpec of(SolveRequest request) throws UnsupportedExporterException {
    String type = request.getExporter();
    Map<String, String> attrs = new java.util.HashMap<>(request.getExporterAttrsMap());
    if (type.isEmpty() && request.getExportersCount() > 0) {
      type = request.getExporters(0).getType();
      attrs = new java.util.HashMap<>(request.getExporters(0).getAttrsMap());
    }
    // As BuildKit's solver does: the build's SOURCE_DATE_EPOCH pins image times unless the output sets its own.
    String epoch = request.getFrontendAttrsMap().get("build-arg:SOURCE_DATE_EPOCH");
    if (epoch != null && !epoch.isEmpty()) attrs.putIfAbsent("source-date-epoch", epoch);
    return of(type, attrs);
  }

  static ExportSpec of(String type, Map<String, String> attrs) throws UnsupportedExporterException {
    return switch (type) {
      case "" -> new None();
      case "local" -> new Local(localOptions(attrs));
      case "tar" -> new Tar();
      case "oci", "docker" -> new ImageTarball(type, attrs);
      case "image" -> new ImageStore(attrs);
      default -> throw new UnsupportedExporterException(
          "exporter '" + type + "' is not supported by kilnd yet (supported: local, tar, oci, docker, image)");
    };
  }

  private static LocalOptions localOptions(Map<String, String> attrs) throws UnsupportedExporterException {
    try {
      return LocalOptions.parse(attrs);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedExporterException(e.getMessage());
    }
  }

  /** A usage error: the request names an exporter this daemon cannot run, or options it refuses. */
  final class UnsupportedExporterException extends Exception {
    public UnsupportedExporterException(String message) {
      super(message);
    }
  }
}
