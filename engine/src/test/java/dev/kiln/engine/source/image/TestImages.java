package dev.kiln.engine.source.image;

import dev.kiln.engine.image.testing.TestImage;
import dev.kiln.engine.image.testing.TestLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The images the image-source tests pull: a busybox base, a layer of every change kind, platforms. */
final class TestImages {
  static final Path BUSYBOX = Path.of("/bin/busybox");
  static final String[] APPLETS = {"sh", "echo", "cat", "ls", "test", "true"};

  private TestImages() {}

  /** Layer 1: a static busybox with applet symlinks, /etc, and things layer 2 changes. */
  static byte[] base() {
    TestLayer l = new TestLayer().dir("bin", 0755).file("bin/busybox", busybox(), 0755, 0, 0);
    for (String applet : APPLETS) {
      l.symlink("bin/" + applet, "busybox");
    }
    return l.dir("etc", 0755)
        .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644)
        .file("etc/group", "root:x:0:\n", 0644)
        .file("etc/old", "deleted by layer 2\n", 0644)
        .dir("tmp", 01777)
        .dir("dev", 0755)
        .dir("data", 0755)
        .file("data/replaced", "v1\n", 0644)
        .file("data/recreated", "before\n", 0600)
        .dir("opq", 0755).file("opq/a", "a\n", 0644).file("opq/b", "b\n", 0644)
        .dir("gone", 0755).dir("gone/deep", 0700).file("gone/deep/x", "x\n", 0644)
        .tar();
  }

  /** Layer 2: deletions, a replaced and a re-created file, an opaque dir, links, special files, owners. */
  static byte[] changes() {
    return new TestLayer()
        .dir("data", 0750)
        .whiteout("etc/old")
        .file("etc/newconf", "implicit parent\n", 0644)
        .file("data/replaced", "v2\n", 0644)
        .whiteout("data/recreated")
        .file("data/recreated", "after\n", 0644)
        .dir("opq", 0711).opaque("opq").file("opq/c", "c\n", 0644)
        .whiteout("gone")
        .hardlink("bin/busybox-link", "bin/busybox")
        .file("data/h1", "linked\n".getBytes(), 0644, 0, 0).hardlink("data/h2", "data/h1")
        .symlink("data/sym", "../etc/passwd")
        .symlink("data/abs", "/etc/group")
        .file("bin/suid", "#!/bin/sh\n".getBytes(), 04755, 0, 0)
        .dir("data/sgid", 02775, 0, 2000)
        .file("data/owned", "mine\n".getBytes(), 0640, 1000, 1000)
        .fifo("data/fifo", 0644)
        .charDevice("dev/null2", 1, 3, 0666)
        .fileWithXattr("data/xattr", "with xattr\n", "user.kiln", "hello")
        .tar();
  }

  /** A one-file layer naming its platform. */
  static byte[] platformLayer(String arch) {
    return new TestLayer().file("platform", arch + "\n", 0644).tar();
  }

  /** A layer of seeded random bytes, unique per seed (for tests that corrupt blobs in the registry). */
  static byte[] unique(long seed, int size) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return new TestLayer().file("blob.bin", data, 0644, 0, 0).tar();
  }

  static TestImage busyboxWithChanges() {
    return TestImage.of("linux", "amd64", base(), changes());
  }

  private static byte[] busybox() {
    try {
      return Files.readAllBytes(BUSYBOX);
    } catch (IOException e) {
      throw new UncheckedIOException("the tests need a static busybox at " + BUSYBOX + " (apt-get install busybox-static)", e);
    }
  }
}
