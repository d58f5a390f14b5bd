package dev.kiln.llb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates BuildKit's LLB golden data in {@code ../shared/conformance/llb-golden}, read in place. */
final class Goldens {
  private Goldens() {}

  static Path root() {
    String shared = System.getProperty("kiln.shared", "../../shared");
    Path p = Path.of(shared).resolve("conformance/llb-golden").toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("LLB golden data not found at " + p + " (set -Dkiln.shared)");
    }
    return p;
  }

  static Path api(String name) {
    return root().resolve("api").resolve(name);
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every Definition file: API graphs, and both forms of each Dockerfile conversion. */
  static Stream<Path> allDefinitions() {
    try {
      Stream<Path> api;
      try (Stream<Path> s = Files.list(root().resolve("api"))) {
        api = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList().stream();
      }
      List<Path> dockerfile;
      try (Stream<Path> s = Files.list(root().resolve("dockerfile"))) {
        dockerfile = s.sorted().flatMap(d -> Stream.of(d.resolve("def.bin"), d.resolve("def.normalized.bin"))).toList();
      }
      return Stream.concat(api, dockerfile.stream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
