package dev.kiln.engine.executor.runc;

import dev.kiln.engine.executor.ExecMount;
import dev.kiln.engine.executor.ExecRequest;
import dev.kiln.engine.executor.ExecSetupException;
import dev.kiln.engine.executor.Meta;
import dev.kiln.engine.executor.SecurityMode;
import dev.kiln.engine.executor.oci.EtcFiles;
import dev.kiln.engine.executor.oci.HostDevices;
import dev.kiln.engine.executor.oci.MountStubs;
import dev.kiln.engine.executor.oci.Mounts;
import dev.kiln.engine.executor.oci.RootPath;
import dev.kiln.engine.executor.oci.RuntimeSpec;
import dev.kiln.engine.executor.oci.SpecBuilder;
import dev.kiln.engine.executor.oci.UserLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares one run before runc starts: resolves the user, creates the working directory, writes
 * the generated /etc files and secrets, notes mount stubs and writes {@code config.json}.
 */
final class ContainerSetup {
  private ContainerSetup() {}

  /**
   * Returns the mount stubs to remove after the run. They are recorded for a read-only rootfs too:
   * runc creates mount points in the host directory before it makes the root read-only.
   */
  static MountStubs prepare(ExecRequest request, Bundle bundle, SharedEtcFiles etcFiles, String cgroupsPath)
      throws ExecSetupException {
    Meta meta = request.meta();
    Path rootfs = request.rootfs().dir();
    UserLookup.ResolvedUser user = UserLookup.lookup(rootfs, meta.user());
    try {
      if (!request.rootfs().readonly()) {
        RootPath.mkdirs(rootfs, meta.cwd(), user.uid(), user.gid());
      }
      List<RuntimeSpec.Mount> mounts = mounts(request, bundle, etcFiles);
      MountStubs stubs = request.rootfs().readonly()
          ? MountStubs.record(rootfs, mounts.stream().map(RuntimeSpec.Mount::destination).toList(),
              meta.removeMountStubsRecursive())
          : MountStubs.create(rootfs, mounts.stream().map(ContainerSetup::target).toList(),
              meta.removeMountStubsRecursive());
      List<RuntimeSpec.Device> devices =
          meta.security() == SecurityMode.INSECURE ? HostDevices.list() : List.of();
      RuntimeSpec spec =
          SpecBuilder.build(meta, request.rootfs(), user, mounts, cgroupsPath, devices);
      Files.write(bundle.configFile(), SpecBuilder.toJson(spec));
      return stubs;
    } catch (IOException e) {
      throw new ExecSetupException("cannot prepare the container: " + e, e);
    }
  }

  /** /etc/hosts and /etc/resolv.conf first, so a caller's mount there covers them. */
  private static List<RuntimeSpec.Mount> mounts(ExecRequest request, Bundle bundle, SharedEtcFiles etcFiles)
      throws IOException {
    Meta meta = request.meta();
    List<RuntimeSpec.Mount> mounts = new ArrayList<>();
    String hosts = EtcFiles.hosts(meta.hostname(), meta.extraHosts());
    mounts.add(Mounts.readonlyFile("/etc/hosts", etcFile(meta, bundle, etcFiles, "hosts", hosts)));
    String resolv = EtcFiles.resolvConf();
    mounts.add(Mounts.readonlyFile("/etc/resolv.conf", etcFile(meta, bundle, etcFiles, "resolv.conf", resolv)));
    for (ExecMount m : request.mounts()) {
      if (m instanceof ExecMount.SshSocket s) {
        Files.setAttribute(s.socket(), "unix:uid", s.uid());
        Files.setAttribute(s.socket(), "unix:gid", s.gid());
        Files.setAttribute(s.socket(), "unix:mode", s.mode());
      }
      mounts.add(Mounts.of(m, bundle::writeSecret));
    }
    return mounts;
  }

  /**
   * A shared file unless the container is privileged: with every capability it could remount its
   * read-only view writable and change the file for other runs.
   */
  private static Path etcFile(Meta meta, Bundle bundle, SharedEtcFiles shared, String name, String content)
      throws IOException {
    if (meta.security() != SecurityMode.INSECURE) {
      var file = shared.file(name, content);
      if (file.isPresent()) return file.get();
    }
    return bundle.write(name, utf8(content));
  }

  /** runc makes a file to bind a file (or socket) over, a directory for anything else. */
  private static MountStubs.Target target(RuntimeSpec.Mount m) {
    boolean file = m.type().equals("bind") && !Files.isDirectory(Path.of(m.source()));
    return new MountStubs.Target(m.destination(), file);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
