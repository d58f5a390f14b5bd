package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module's package graph acyclic and layered (a source-level stand-in for ArchUnit):
 * the API package imports no implementation; the client is the only package that sees them all;
 * no other Kiln module is imported.
 */
class PackageShapeTest {
  private static final Path MAIN = Path.of("src/main/java/dev/kiln/registry");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.kiln\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "registry", Set.of("registry"),
      "registry.manifest", Set.of("registry", "registry.manifest"),
      "registry.hosts", Set.of("registry", "registry.hosts"),
      "registry.layout", Set.of("registry", "registry.layout"),
      "registry.http", Set.of("registry", "registry.hosts", "registry.http"),
      "registry.auth", Set.of("registry", "registry.hosts", "registry.http", "registry.auth"),
      "registry.client", Set.of("registry", "registry.hosts", "registry.http", "registry.auth",
          "registry.manifest", "registry.client"));

  @Test
  void packagesImportOnlyTheLayersBelowThem() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(sources).hasSizeGreaterThan(30);
      for (Path f : sources) {
        String pkg = "registry" + (f.getParent().equals(MAIN) ? "" : "." + MAIN.relativize(f.getParent()).toString().replace('/', '.'));
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          String target = m.group(1);
          if (!ALLOWED.getOrDefault(pkg, Set.of()).contains(target)) {
            violations.add(f.getFileName() + " (" + pkg + ") imports dev.kiln." + target);
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
