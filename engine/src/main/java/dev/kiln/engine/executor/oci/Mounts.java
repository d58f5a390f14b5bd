package dev.kiln.engine.executor.oci;

import dev.kiln.engine.executor.ExecMount;
import dev.kiln.engine.executor.SecurityMode;
import dev.kiln.engine.snapshot.MountSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mounts of a container: the standard kernel filesystems, then the caller's mounts. */
public final class Mounts {
  private static final List<String> NO_EXEC = List.of("nosuid", "noexec", "nodev");

  private Mounts() {}

  /** Where a secret's bytes were written on the host, for the bind mount of its file. */
  @FunctionalInterface
  public interface SecretFiles {
    Path write(ExecMount.Secret secret) throws IOException;
  }

  /**
   * containerd's default mounts as BuildKit keeps them: no {@code /run} (images own it), {@code
   * /sys} and the cgroup tree read-only unless INSECURE.
   */
  public static List<RuntimeSpec.Mount> standard(SecurityMode security) {
    String sys = security == SecurityMode.INSECURE ? "rw" : "ro";
    return List.of(
        mount("/proc", "proc", "proc", NO_EXEC),
        mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
        mount("/dev/shm", "tmpfs", "shm", List.of(
            "nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
        mount("/dev/mqueue", "mqueue", "mqueue", NO_EXEC),
        mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", sys)),
        mount("/sys/fs/cgroup", "cgroup", "cgroup",
            List.of("nosuid", "noexec", "nodev", "relatime", sys)));
  }

  /** A read-only bind of a generated file such as {@code /etc/hosts}. */
  public static RuntimeSpec.Mount readonlyFile(String dest, Path source) {
    return bind(dest, source, true);
  }

  /** The spec mount for one caller mount; secrets are written through {@code secrets} first. */
  public static RuntimeSpec.Mount of(ExecMount mount, SecretFiles secrets) throws IOException {
    return switch (mount) {
      case ExecMount.Bind b -> bind(b.dest(), b.source(), b.readonly());
      case ExecMount.Snapshot s -> snapshot(s.dest(), s.mount());
      case ExecMount.Tmpfs t -> tmpfs(t);
      case ExecMount.Secret s ->
          mount(s.dest(), "bind", secrets.write(s).toString(),
              List.of("rbind", "ro", "nosuid", "nodev", "noexec"));
      // connect(2) on a socket needs no write access to its mount, so read-only is enough
      case ExecMount.SshSocket s ->
          mount(s.dest(), "bind", s.socket().toString(),
              List.of("rbind", "ro", "nosuid", "nodev", "noexec"));
    };
  }

  private static RuntimeSpec.Mount bind(String dest, Path source, boolean readonly) {
    return mount(dest, "bind", source.toString(),
        List.of("rbind", readonly ? "ro" : "rw"));
  }

  private static RuntimeSpec.Mount snapshot(String dest, MountSpec spec) {
    List<String> options = new ArrayList<>(spec.options());
    if (spec.isBind() && !options.contains("bind") && !options.contains("rbind")) {
      options.add("rbind"); // runc only bind-mounts when told so by an option
    }
    return mount(dest, spec.type(), spec.source(), options);
  }

  private static RuntimeSpec.Mount tmpfs(ExecMount.Tmpfs t) {
    List<String> options = new ArrayList<>(List.of("nosuid", "nodev", "mode=1777"));
    if (t.sizeBytes() > 0) {
      options.add("size=" + t.sizeBytes());
    }
    return mount(t.dest(), "tmpfs", "tmpfs", options);
  }

  private static RuntimeSpec.Mount mount(
      String dest, String type, String source, List<String> options) {
    return new RuntimeSpec.Mount(dest, type, source, List.copyOf(options));
  }
}
