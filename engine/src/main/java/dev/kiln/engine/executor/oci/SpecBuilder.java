package dev.kiln.engine.executor.oci;

import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.executor.NetworkMode;
import dev.kiln.engine.executor.RootFs;
import dev.kiln.engine.executor.SecurityMode;
import dev.kiln.engine.executor.Ulimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the runtime spec of one run, in the shape BuildKit's OCI worker produces (containerd's
 * defaults plus BuildKit's changes). There is deliberately no seccomp profile: BuildKit's OCI
 * worker applies one only when built with seccomp support, and runc without one leaves syscalls
 * unfiltered; adding Docker's default profile is future work.
 */
public final class SpecBuilder {
  public static final String DEFAULT_PATH =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** containerd's default masked paths; INSECURE masks nothing. */
  static final List<String> MASKED_PATHS =
      List.of(
          "/proc/acpi",
          "/proc/asound",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");

  static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  /** containerd's only default rlimit; a caller's {@code nofile} ulimit replaces it. */
  static final Ulimit DEFAULT_NOFILE = new Ulimit("nofile", 1024, 1024);

  private SpecBuilder() {}

  /**
   * The spec for {@code meta} over {@code rootfs}.
   *
   * @param mounts caller mounts already translated (including /etc/hosts and resolv.conf), mounted
   *     after the standard ones in this order
   * @param devices host devices to create (INSECURE), empty otherwise
   */
  public static RuntimeSpec build(
      Meta meta,
      RootFs rootfs,
      UserLookup.ResolvedUser user,
      List<RuntimeSpec.Mount> mounts,
      String cgroupsPath,
      List<RuntimeSpec.Device> devices) {
    List<RuntimeSpec.Mount> all = new ArrayList<>(Mounts.standard(meta.security()));
    all.addAll(mounts);
    return new RuntimeSpec(
        RuntimeSpec.OCI_VERSION,
        process(meta, user),
        new RuntimeSpec.Root(rootfs.dir().toString(), rootfs.readonly()),
        meta.hostname(),
        all,
        linux(meta, cgroupsPath, devices));
  }

  /** {@code config.json}: compact, as only runc reads it. */
  public static byte[] toJson(RuntimeSpec spec) {
    return RuntimeSpecJson.write(spec);
  }

  static List<String> envWithDefaultPath(List<String> env) {
    if (env.stream().anyMatch(e -> e.startsWith("PATH="))) {
      return env;
    }
    List<String> out = new ArrayList<>(env);
    out.addFirst(DEFAULT_PATH);
    return out;
  }

  private static RuntimeSpec.Process process(Meta meta, UserLookup.ResolvedUser user) {
    return new RuntimeSpec.Process(
        false,
        new RuntimeSpec.User(user.uid(), user.gid(), user.additionalGids()),
        meta.args(),
        envWithDefaultPath(meta.env()),
        meta.cwd(),
        Capabilities.forMode(meta.security()),
        rlimits(meta.ulimits()),
        true);
  }

  private static List<RuntimeSpec.Rlimit> rlimits(List<Ulimit> ulimits) {
    Map<String, Ulimit> byType = new LinkedHashMap<>();
    byType.put(DEFAULT_NOFILE.rlimitType(), DEFAULT_NOFILE);
    for (Ulimit u : ulimits) {
      byType.put(u.rlimitType(), u); // the last one for a type wins, as with repeated --ulimit
    }
    return byType.values().stream()
        .map(u -> new RuntimeSpec.Rlimit(u.rlimitType(), u.hard(), u.soft()))
        .toList();
  }

  private static RuntimeSpec.Linux linux(
      Meta meta, String cgroupsPath, List<RuntimeSpec.Device> devices) {
    List<RuntimeSpec.Namespace> namespaces = new ArrayList<>();
    for (String ns : List.of("pid", "ipc", "uts", "mount")) {
      namespaces.add(new RuntimeSpec.Namespace(ns));
    }
    if (meta.network() == NetworkMode.NONE) {
      // runc brings lo up itself in a namespace it creates (its "loopback" network strategy)
      namespaces.add(new RuntimeSpec.Namespace("network"));
    }
    boolean insecure = meta.security() == SecurityMode.INSECURE;
    var rule = new RuntimeSpec.DeviceRule(insecure, null, null, null, "rwm");
    return new RuntimeSpec.Linux(
        namespaces,
        cgroupsPath,
        new RuntimeSpec.Resources(List.of(rule)),
        devices.isEmpty() ? null : devices,
        insecure ? null : MASKED_PATHS,
        insecure ? null : READONLY_PATHS);
  }
}
