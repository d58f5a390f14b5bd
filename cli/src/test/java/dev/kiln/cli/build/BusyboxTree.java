package dev.kiln.cli.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A tiny runnable rootfs from the host's static busybox (the engine tests' fixture, which cli may not import). */
final class BusyboxTree {
  private static final List<String> APPLETS = List.of("sh", "echo", "cat", "test", "true", "ls", "mkdir");

  private BusyboxTree() {}

  static Path create(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
    for (String applet : APPLETS) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\n");
    Files.createDirectories(dir.resolve("tmp"));
    return dir;
  }
}
