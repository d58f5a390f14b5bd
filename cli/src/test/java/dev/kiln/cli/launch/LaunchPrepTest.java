package dev.kiln.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchPrepTest {
  @TempDir Path tmp;

  private Path jar(String name, String... entries) throws IOException {
    Path jar = tmp.resolve(name);
    try (ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (String e : entries) {
        zos.putNextEntry(new ZipEntry(e));
        zos.write(("content of " + e).getBytes(StandardCharsets.UTF_8));
        zos.closeEntry();
      }
    }
    return jar;
  }

  private static List<String> names(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void signedJarsAreCopiedWithoutTheirSignaturesAndOthersAreUsedAsTheyAre() throws Exception {
    Path signed = jar("signed.jar", "META-INF/MANIFEST.MF", "META-INF/ECLIPSE_.SF", "META-INF/ECLIPSE_.RSA", "a/B.class",
        "META-INF/maven/x/pom.xml");
    Path plain = jar("plain.jar", "META-INF/MANIFEST.MF", "c/D.class", "META-INF/sub/NOT_A_SIGNATURE.SF");
    Path classpathFile = Files.writeString(tmp.resolve("classpath.txt"), signed + ":" + plain);
    Path out = tmp.resolve("launch");

    LaunchPrep.main(new String[] {classpathFile.toString(), out.toString()});

    Path copy = out.resolve("jars/signed.jar");
    assertThat(Files.readString(out.resolve("classpath")).strip()).isEqualTo(copy + ":" + plain);
    assertThat(names(copy)).containsExactly("META-INF/MANIFEST.MF", "a/B.class", "META-INF/maven/x/pom.xml");
    try (ZipFile zip = new ZipFile(copy.toFile())) {
      assertThat(new String(zip.getInputStream(zip.getEntry("a/B.class")).readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("content of a/B.class");
    }
    assertThat(LaunchPrep.isSigned(plain)).isFalse();
    assertThat(LaunchPrep.isSigned(copy)).isFalse();
  }

  @Test
  void sqlitesNativeLibraryIsExtractedOnceAndNamedInTheJvmOptions() throws Exception {
    Path classpathFile = Files.writeString(tmp.resolve("classpath.txt"), "");
    Path out = tmp.resolve("launch");

    LaunchPrep.main(new String[] {classpathFile.toString(), out.toString()});

    List<String> options = Files.readAllLines(out.resolve("jvm-options"));
    assertThat(options).containsExactly("-Dorg.sqlite.lib.path=" + out.resolve("native"),
        "-Dorg.sqlite.lib.name=" + System.mapLibraryName("sqlitejdbc"));
    assertThat(out.resolve("native").resolve(System.mapLibraryName("sqlitejdbc"))).isNotEmptyFile();
  }
}
