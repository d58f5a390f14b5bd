package dev.kiln.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
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
    assertThat(LaunchJars.needsCopy(plain)).isFalse();
    assertThat(LaunchJars.needsCopy(copy)).isFalse();
  }

  /** A Java 5 class whose method branches: as a Java 8 class it needs a stack map to verify. */
  private static byte[] java5Class() {
    return ClassFile.of().build(ClassDesc.of("old.Sign"), cb -> cb
        .withVersion(49, 0)
        .withFlags(ClassFile.ACC_PUBLIC)
        .withMethodBody("sign", MethodTypeDesc.of(ConstantDescs.CD_String, ConstantDescs.CD_int),
            ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
              code.iload(0).ifThen(Opcode.IFLT, t -> t.ldc("negative").areturn());
              code.ldc("not negative").areturn();
            }));
  }

  @Test
  void oldClassFilesAreRewrittenAsJava8ClassesThatVerifyAndBehaveTheSame() throws Exception {
    Path jar = tmp.resolve("old.jar");
    try (ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(jar))) {
      zos.putNextEntry(new ZipEntry("old/Sign.class"));
      zos.write(java5Class());
      zos.closeEntry();
    }
    assertThat(LaunchJars.needsCopy(jar)).isTrue();

    Path copy = LaunchJars.copy(jar, Files.createDirectories(tmp.resolve("copies")), new URL[] {jar.toUri().toURL()});

    byte[] upgraded;
    try (ZipFile zip = new ZipFile(copy.toFile())) {
      upgraded = zip.getInputStream(zip.getEntry("old/Sign.class")).readAllBytes();
    }
    assertThat(OldClassFiles.majorVersion(upgraded)).isEqualTo(52);
    assertThat(LaunchJars.needsCopy(copy)).isFalse();
    // Loading verifies it (the type-checking verifier: Java 8 class files must carry stack maps).
    try (URLClassLoader loader = new URLClassLoader(new URL[] {copy.toUri().toURL()}, null)) {
      Method sign = loader.loadClass("old.Sign").getMethod("sign", int.class);
      assertThat(sign.invoke(null, -3)).isEqualTo("negative");
      assertThat(sign.invoke(null, 4)).isEqualTo("not negative");
    }
  }

  @Test
  void sqlitesNativeLibraryIsExtractedOnceAndNamedInTheJvmOptionsWithItsDirectoryAsTheDriversTempDirectory() throws Exception {
    Path classpathFile = Files.writeString(tmp.resolve("classpath.txt"), "");
    Path out = tmp.resolve("launch");

    LaunchPrep.main(new String[] {classpathFile.toString(), out.toString()});

    List<String> options = Files.readAllLines(out.resolve("jvm-options"));
    assertThat(options).containsExactly("-Dorg.sqlite.lib.path=" + out.resolve("native"),
        "-Dorg.sqlite.lib.name=" + System.mapLibraryName("sqlitejdbc"), "-Dorg.sqlite.tmpdir=" + out.resolve("native"));
    assertThat(out.resolve("native").resolve(System.mapLibraryName("sqlitejdbc"))).isNotEmptyFile();
    // The driver lists its temp directory at every start: this one holds the library alone.
    try (var entries = Files.list(out.resolve("native"))) {
      assertThat(entries).hasSize(1);
    }
  }
}
