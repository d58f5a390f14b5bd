package dev.kiln.engine.executor.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A minimal rootfs built from the host's static busybox, with root, app and nobody users. */
public final class BusyboxRootfs {
  static final Path BUSYBOX = Path.of("/bin/busybox");
  private static final List<String> APPLETS =
      List.of(
          "sh", "echo", "cat", "ls", "id", "env", "ip", "true", "false", "sleep", "touch", "mkdir",
          "wc", "pwd", "hostname", "stat", "dd", "grep", "test", "ping", "df", "head");

  private BusyboxRootfs() {}

  public static Path create(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"));
    for (String applet : APPLETS) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(
        etc.resolve("passwd"),
        """
        root:x:0:0:root:/root:/bin/sh
        app:x:1000:1000:app:/home/app:/bin/sh
        nobody:x:65534:65534:nobody:/nonexistent:/bin/false
        """);
    Files.writeString(
        etc.resolve("group"),
        """
        root:x:0:
        app:x:1000:
        extra:x:2000:app
        nogroup:x:65534:
        """);
    Files.createDirectories(dir.resolve("tmp"));
    return dir;
  }
}
