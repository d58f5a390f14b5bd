package dev.kiln.engine.executor.oci;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The host's device nodes as OCI devices, for INSECURE mode (containerd's {@code
 * oci.WithHostDevices}): runc recreates each node in the container's {@code /dev}.
 */
public final class HostDevices {
  private static final Path DEV = Path.of("/dev");
  private static final Set<String> SKIPPED_DIRS =
      Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFBLK = 0060000;

  private HostDevices() {}

  public static List<RuntimeSpec.Device> list() throws IOException {
    List<RuntimeSpec.Device> devices = new ArrayList<>();
    Files.walkFileTree(
        DEV,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return SKIPPED_DIRS.contains(String.valueOf(dir.getFileName()))
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isOther() && !file.equals(DEV.resolve("console"))) {
              device(file).ifPresent(devices::add);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // a node vanished or is unreadable: skip it
          }
        });
    return devices;
  }

  private static java.util.Optional<RuntimeSpec.Device> device(Path file) throws IOException {
    int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    String type =
        switch (mode & S_IFMT) {
          case S_IFCHR -> "c";
          case S_IFBLK -> "b";
          default -> null; // sockets, fifos
        };
    if (type == null) {
      return java.util.Optional.empty();
    }
    long rdev = (Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    int uid = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int gid = (Integer) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    return java.util.Optional.of(
        new RuntimeSpec.Device(file.toString(), type, major, minor, mode & 07777, uid, gid));
  }
}
