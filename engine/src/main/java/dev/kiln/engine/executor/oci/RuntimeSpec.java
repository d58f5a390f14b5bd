package dev.kiln.engine.executor.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The subset of the OCI runtime spec 1.0.2 ({@code config.json}) that Kiln writes, as records whose
 * component names are the JSON field names. Absent (null) fields are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeSpec(
    String ociVersion,
    Process process,
    Root root,
    String hostname,
    List<Mount> mounts,
    Linux linux) {

  public static final String OCI_VERSION = "1.0.2";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Process(
      boolean terminal,
      User user,
      List<String> args,
      List<String> env,
      String cwd,
      Capabilities capabilities,
      List<Rlimit> rlimits,
      boolean noNewPrivileges) {}

  public record User(long uid, long gid, List<Long> additionalGids) {}

  public record Capabilities(
      List<String> bounding, List<String> effective, List<String> permitted) {}

  public record Rlimit(String type, long hard, long soft) {}

  public record Root(String path, boolean readonly) {}

  public record Mount(String destination, String type, String source, List<String> options) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Linux(
      List<Namespace> namespaces,
      String cgroupsPath,
      Resources resources,
      List<Device> devices,
      List<String> maskedPaths,
      List<String> readonlyPaths) {}

  public record Namespace(String type) {}

  public record Resources(List<DeviceRule> devices) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {}

  public record Device(
      String path, String type, long major, long minor, int fileMode, long uid, long gid) {}
}
