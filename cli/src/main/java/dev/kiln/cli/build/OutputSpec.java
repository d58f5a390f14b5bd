package dev.kiln.cli.build;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code --output type=…,k=v}: the exporter the daemon runs and, for {@code local}/{@code tar},
 * the destination the client keeps to itself (buildkit-wire §2.6).
 *
 * @param dest directory ({@code local}, {@code oci|docker} with {@code tar=false}) or file ({@code tar},
 *     {@code oci}, {@code docker}; null for stdout), null otherwise
 */
public record OutputSpec(String type, Map<String, String> attrs, Path dest) {
  public OutputSpec {
    attrs = Map.copyOf(attrs);
  }

  /** Parses the CSV form; a problem is an {@link IllegalArgumentException} naming the bad part. */
  public static OutputSpec parse(String csv) {
    Map<String, String> fields = Csv.pairs(csv, "--output");
    String type = fields.remove("type");
    if (type == null) {
      if (fields.isEmpty() && !csv.contains("=")) {
        // docker's shorthand: -o DIR means a local directory
        return new OutputSpec("local", Map.of(), Path.of(csv));
      }
      throw new IllegalArgumentException("--output '" + csv + "' needs type=local|tar|oci|docker");
    }
    String dest = fields.remove("dest");
    if (List.of("oci", "docker").contains(type) && isFalse(fields.get("tar"))) {
      // tar=false: an OCI layout directory, received like a local output.
      if (dest == null) throw new IllegalArgumentException("--output type=" + type + ",tar=false needs dest=DIR");
      return new OutputSpec(type, fields, Path.of(dest));
    }
    return switch (type) {
      case "local" -> {
        if (dest == null) throw new IllegalArgumentException("--output type=local needs dest=DIR");
        yield new OutputSpec(type, fields, Path.of(dest));
      }
      // Files the client writes: dest stays here, like buildctl; "-" or none means stdout.
      case "tar", "oci", "docker" -> new OutputSpec(type, fields, dest == null || dest.equals("-") ? null : Path.of(dest));
      default -> new OutputSpec(type, withDest(fields, dest), null);
    };
  }

  private static boolean isFalse(String value) {
    return value != null && List.of("false", "0", "f", "F", "FALSE", "False").contains(value);
  }

  /** Whether the daemon sends a directory ({@code local}, or an image layout with {@code tar=false}). */
  public boolean isDirectory() {
    return type.equals("local") || (List.of("oci", "docker").contains(type) && isFalse(attrs.get("tar")));
  }

  /** {@code type=local,mode=delete}: the destination must end up holding only the result (the daemon checks the value). */
  public boolean deletesStale() {
    return type.equals("local") && "delete".equalsIgnoreCase(attrs.getOrDefault("mode", "").trim());
  }

  private static Map<String, String> withDest(Map<String, String> fields, String dest) {
    Map<String, String> attrs = new LinkedHashMap<>(fields);
    if (dest != null) attrs.put("dest", dest);
    return attrs;
  }
}
