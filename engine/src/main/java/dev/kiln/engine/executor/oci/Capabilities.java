package dev.kiln.engine.executor.oci;

import dev.kiln.engine.executor.SecurityMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Capability sets: BuildKit's OCI-worker default for SANDBOX, everything for INSECURE. */
public final class Capabilities {
  private Capabilities() {}

  /** containerd's {@code defaultUnixCaps}, as BuildKit's OCI worker uses them. */
  public static final List<String> DEFAULT =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

  /** Every capability runc 1.1 knows (Linux 5.9+), indexed by capability number. */
  public static final List<String> ALL =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_DAC_READ_SEARCH",
          "CAP_FOWNER",
          "CAP_FSETID",
          "CAP_KILL",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETPCAP",
          "CAP_LINUX_IMMUTABLE",
          "CAP_NET_BIND_SERVICE",
          "CAP_NET_BROADCAST",
          "CAP_NET_ADMIN",
          "CAP_NET_RAW",
          "CAP_IPC_LOCK",
          "CAP_IPC_OWNER",
          "CAP_SYS_MODULE",
          "CAP_SYS_RAWIO",
          "CAP_SYS_CHROOT",
          "CAP_SYS_PTRACE",
          "CAP_SYS_PACCT",
          "CAP_SYS_ADMIN",
          "CAP_SYS_BOOT",
          "CAP_SYS_NICE",
          "CAP_SYS_RESOURCE",
          "CAP_SYS_TIME",
          "CAP_SYS_TTY_CONFIG",
          "CAP_MKNOD",
          "CAP_LEASE",
          "CAP_AUDIT_WRITE",
          "CAP_AUDIT_CONTROL",
          "CAP_SETFCAP",
          "CAP_MAC_OVERRIDE",
          "CAP_MAC_ADMIN",
          "CAP_SYSLOG",
          "CAP_WAKE_ALARM",
          "CAP_BLOCK_SUSPEND",
          "CAP_AUDIT_READ",
          "CAP_PERFMON",
          "CAP_BPF",
          "CAP_CHECKPOINT_RESTORE");

  public static RuntimeSpec.Capabilities forMode(SecurityMode mode) {
    List<String> caps =
        switch (mode) {
          case SANDBOX -> DEFAULT;
          case INSECURE -> Current.CAPS;
        };
    return new RuntimeSpec.Capabilities(caps, caps, caps);
  }

  /**
   * INSECURE grants what this process holds, not {@link #ALL}, like containerd's {@code
   * WithAllCurrentCapabilities}: runc fails to start a container asking for a capability outside
   * its own bounding set (as inside another container).
   */
  private static final class Current {
    static final List<String> CAPS = read();

    private static List<String> read() {
      try {
        long effective =
            Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:"))
                .mapToLong(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16))
                .findFirst()
                .orElseThrow();
        List<String> caps = new ArrayList<>();
        for (int bit = 0; bit < ALL.size(); bit++) {
          if ((effective & (1L << bit)) != 0) {
            caps.add(ALL.get(bit));
          }
        }
        return List.copyOf(caps);
      } catch (IOException | RuntimeException e) {
        return ALL; // no procfs: ask for everything and let runc say what is missing
      }
    }
  }
}
