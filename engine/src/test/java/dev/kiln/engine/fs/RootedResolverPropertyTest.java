package dev.kiln.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever the tree's symlinks and the path asked for, the result stays inside the root. Random
 * cases from a fixed seed, so a failure reproduces; the seed and case are in the message.
 */
class RootedResolverPropertyTest {
  private static final long SEED = 0x6b696c6eL;
  private static final int TRIES = 300;
  private static final List<String> LINK_AT = List.of("l1", "l2", "d/l3", "d/e/l4");
  private static final List<String> LINK_TARGET = List.of(
      "..", "../..", "../../escaped", "/", "/..", "/d", "d/e", "l1", "/l2", "../l1",
      "../../../../r/escaped", "e/../../..", "/d/e/l4", System.getProperty("java.io.tmpdir"));
  private static final List<String> PATH_PARTS = List.of("..", ".", "l1", "l2", "d", "e", "l3", "l4", "x", "escaped");

  @Test
  void neverEscapes() throws IOException {
    Random random = new Random(SEED);
    for (int i = 0; i < TRIES; i++) {
      List<String> links = randomLinks(random);
      String path = randomPath(random);
      check(links, path, "case " + i + " (seed " + SEED + "): links=" + links + " path=" + path);
    }
  }

  private static void check(List<String> links, String path, String what) throws IOException {
    Path tmp = Files.createTempDirectory("kiln-resolver");
    try {
      Path root = Files.createDirectories(tmp.resolve("r/root"));
      Files.createDirectories(tmp.resolve("r/escaped"));
      Files.createDirectories(root.resolve("d/e"));
      for (String link : links) {
        String[] atTarget = link.split("=", 2);
        Path at = root.resolve(atTarget[0]);
        if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(at, Path.of(atTarget[1]));
        }
      }
      for (boolean follow : new boolean[] {true, false}) {
        Path host;
        try {
          host = follow ? RootedResolver.resolve(root, path) : RootedResolver.resolveNoFollow(root, path);
        } catch (FileSystemLoopException e) {
          continue;
        }
        assertInside(root, host, follow, what);
      }
    } finally {
      Trees.deleteRecursively(tmp);
    }
  }

  private static void assertInside(Path root, Path host, boolean follow, String what) throws IOException {
    assertThat(host.normalize().startsWith(root)).as("%s: %s inside %s", what, host, root).isTrue();
    // No component below the root is a symlink (except a kept final one): the path is real.
    for (Path p = host; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
      if (!(p.equals(host) && !follow)) {
        assertThat(Files.isSymbolicLink(p)).as("%s: symlink at %s", what, p).isFalse();
      }
    }
    // A kept final symlink is the caller's to not follow: check where its parent really is.
    Path checked = follow || host.equals(root) ? host : host.getParent();
    if (Files.exists(checked)) {
      assertThat(checked.toRealPath().startsWith(root.toRealPath())).as("%s: real path of %s", what, checked).isTrue();
    }
  }

  private static List<String> randomLinks(Random r) {
    List<String> links = new ArrayList<>();
    for (int n = r.nextInt(5); n > 0; n--) {
      links.add(LINK_AT.get(r.nextInt(LINK_AT.size())) + "=" + LINK_TARGET.get(r.nextInt(LINK_TARGET.size())));
    }
    return links;
  }

  private static String randomPath(Random r) {
    List<String> parts = new ArrayList<>();
    for (int n = 1 + r.nextInt(6); n > 0; n--) {
      parts.add(PATH_PARTS.get(r.nextInt(PATH_PARTS.size())));
    }
    return (r.nextBoolean() ? "/" : "") + String.join("/", parts);
  }
}
