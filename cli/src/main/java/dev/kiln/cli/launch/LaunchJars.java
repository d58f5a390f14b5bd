package dev.kiln.cli.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The launcher's copies of jars the JVM would otherwise start slowly from: signed jars (verified on
 * first use, and kept out of the AOT cache) lose their signatures, and class files older than Java
 * 6 are rewritten ({@link OldClassFiles}). Other jars are used as they are.
 */
final class LaunchJars {
  private LaunchJars() {}

  /** Whether {@code jar} needs a launch copy. */
  static boolean needsCopy(Path jar) throws IOException {
    if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) return false;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : zip.stream().toList()) {
        if (isSignatureFile(e.getName())) return true;
        if (e.getName().endsWith(".class")) {
          try (InputStream in = zip.getInputStream(e)) {
            if (OldClassFiles.majorVersion(in.readNBytes(8)) < OldClassFiles.FIRST_WITH_STACK_MAPS) return true;
          }
        }
      }
    }
    return false;
  }

  static boolean isSignatureFile(String name) {
    if (!name.startsWith("META-INF/") || name.indexOf('/', "META-INF/".length()) >= 0) return false;
    return name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA") || name.endsWith(".EC");
  }

  /**
   * Writes {@code jar}'s launch copy into {@code dir}: without signature files, old class files
   * upgraded; {@code classpath} resolves the types those name. Returns the copy.
   */
  static Path copy(Path jar, Path dir, URL[] classpath) throws IOException {
    Path copy = dir.resolve(jar.getFileName());
    Path tmp = dir.resolve(jar.getFileName() + ".tmp");
    try (URLClassLoader loader = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader());
        ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      OldClassFiles classes = new OldClassFiles(loader);
      for (ZipEntry e : in.stream().toList()) {
        if (isSignatureFile(e.getName())) continue;
        ZipEntry entry = new ZipEntry(e.getName());
        entry.setTime(e.getTime());
        out.putNextEntry(entry);
        try (InputStream body = in.getInputStream(e)) {
          byte[] bytes = body.readAllBytes();
          out.write(e.getName().endsWith(".class") ? classes.upgrade(bytes) : bytes);
        }
        out.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      if (e instanceof IOException io) throw io;
      throw new IOException("cannot rewrite its class files: " + e.getMessage(), e);
    }
    Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return copy;
  }
}
