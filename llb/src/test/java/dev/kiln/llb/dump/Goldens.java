package dev.kiln.llb.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The BuildKit golden data under {@code $kiln.shared/conformance/llb-golden}, read in place. */
final class Goldens {
  private Goldens() {}

  /** A marshalled definition and the {@code dump-llb} output BuildKit printed for it. */
  record Case(String name, Path bin, Path json) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Path root() {
    String shared = System.getProperty("kiln.shared");
    assertThat(shared).as("system property kiln.shared").isNotNull();
    Path root = Path.of(shared, "conformance", "llb-golden");
    assertThat(root).isDirectory();
    return root;
  }

  /** Every api/*.bin (nested definitions included) and every dockerfile def.bin and def.normalized.bin. */
  static List<Case> dumpCases() {
    List<Case> cases = new ArrayList<>();
    for (Path bin : list(root().resolve("api"), ".bin")) {
      String base = bin.getFileName().toString().replaceFirst("\\.bin$", "");
      cases.add(new Case("api/" + base, bin, bin.resolveSibling(base + ".json")));
    }
    for (Path dir : list(root().resolve("dockerfile"), "")) {
      for (String base : List.of("def", "def.normalized")) {
        Path bin = dir.resolve(base + ".bin");
        String name = "dockerfile/" + dir.getFileName() + "/" + base;
        cases.add(new Case(name, bin, dir.resolve(base + ".json")));
      }
    }
    return cases;
  }

  static List<Path> apiBins() {
    return list(root().resolve("api"), ".bin");
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
