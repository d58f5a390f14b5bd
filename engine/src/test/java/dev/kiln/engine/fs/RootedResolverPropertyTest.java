package dev.kiln.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the tree's symlinks and the path asked for, the result stays inside the root. */
class RootedResolverPropertyTest {

  @Property(tries = 300)
  void neverEscapes(
      @ForAll("links") List<String> links, @ForAll("paths") String path)
      throws IOException {
    Path tmp = Files.createTempDirectory("kiln-resolver");
    try {
      Path root = Files.createDirectories(tmp.resolve("r/root"));
      Files.createDirectories(tmp.resolve("r/escaped"));
      Files.createDirectories(root.resolve("d/e"));
      for (var link : links) {
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
        assertThat(host.normalize().startsWith(root)).as("%s inside %s", host, root).isTrue();
        // No component below the root is a symlink (except a kept final one): the path is real.
        Path p = host;
        while (p != null && p.startsWith(root) && !p.equals(root)) {
          if (!(p.equals(host) && !follow)) {
            assertThat(Files.isSymbolicLink(p)).as("symlink at %s", p).isFalse();
          }
          p = p.getParent();
        }
        // A kept final symlink is the caller's to not follow: check where its parent really is.
        Path checked = follow || host.equals(root) ? host : host.getParent();
        if (Files.exists(checked)) {
          assertThat(checked.toRealPath().startsWith(root.toRealPath()))
              .as("real path of %s", checked)
              .isTrue();
        }
      }
    } finally {
      Trees.deleteRecursively(tmp);
    }
  }

  @Provide
  Arbitrary<List<String>> links() {
    Arbitrary<String> at = Arbitraries.of("l1", "l2", "d/l3", "d/e/l4");
    Arbitrary<String> target =
        Arbitraries.of(
            "..", "../..", "../../escaped", "/", "/..", "/d", "d/e", "l1", "/l2", "../l1",
            "../../../../r/escaped", "e/../../..", "/d/e/l4", tmpLike());
    return net.jqwik.api.Combinators.combine(at, target).as((a, t) -> a + "=" + t).list().ofMaxSize(4);
  }

  private static String tmpLike() {
    return System.getProperty("java.io.tmpdir");
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of("..", ".", "l1", "l2", "d", "e", "l3", "l4", "x", "escaped")
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(parts -> (parts.hashCode() % 2 == 0 ? "/" : "") + String.join("/", parts));
  }
}
