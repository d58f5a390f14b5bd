package dev.kiln.cli.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.sqlite.util.OSInfo;

/**
 * Run by the launcher once per build: writes the class path and JVM options the CLI and kilnd
 * start with, shaped for start-up time.
 *
 * <ul>
 *   <li>Signed jars are copied without their signatures: the JVM verifies a signed jar on first
 *       use (tens of milliseconds) and the AOT cache cannot hold its classes, so every start paid
 *       for it. The copies are used only by the launcher; the build and the tests use the originals.
 *   <li>SQLite's native library is extracted once, so the driver loads it from there instead of
 *       unpacking and comparing 1 MB from its jar on every start.
 * </ul>
 *
 * <p>Usage: {@code LaunchPrep CLASSPATH_FILE OUT_DIR}; writes {@code OUT_DIR/classpath} and {@code
 * OUT_DIR/jvm-options}.
 */
public final class LaunchPrep {
  private LaunchPrep() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: LaunchPrep CLASSPATH_FILE OUT_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out.resolve("jars"));
    List<String> classpath = new ArrayList<>();
    for (String entry : Files.readString(Path.of(args[0])).strip().split(":")) {
      if (entry.isEmpty()) continue;
      Path jar = Path.of(entry);
      classpath.add(isSigned(jar) ? unsignedCopy(jar, out.resolve("jars")).toString() : entry);
    }
    List<String> options = new ArrayList<>();
    sqliteLibrary(out.resolve("native")).ifPresent(lib -> {
      options.add("-Dorg.sqlite.lib.path=" + lib.getParent());
      options.add("-Dorg.sqlite.lib.name=" + lib.getFileName());
    });
    write(out.resolve("classpath"), String.join(":", classpath));
    write(out.resolve("jvm-options"), String.join("\n", options));
  }

  static boolean isSigned(Path jar) throws IOException {
    if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) return false;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().anyMatch(e -> isSignatureFile(e.getName()));
    }
  }

  private static boolean isSignatureFile(String name) {
    if (!name.startsWith("META-INF/") || name.indexOf('/', "META-INF/".length()) >= 0) return false;
    return name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA") || name.endsWith(".EC");
  }

  static Path unsignedCopy(Path jar, Path dir) throws IOException {
    Path copy = dir.resolve(jar.getFileName());
    Path tmp = dir.resolve(jar.getFileName() + ".tmp");
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(tmp))) {
      for (ZipEntry e : in.stream().toList()) {
        if (isSignatureFile(e.getName())) continue;
        ZipEntry copyEntry = new ZipEntry(e.getName());
        copyEntry.setTime(e.getTime());
        zos.putNextEntry(copyEntry);
        try (InputStream body = in.getInputStream(e)) {
          body.transferTo(zos);
        }
        zos.closeEntry();
      }
    }
    Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return copy;
  }

  /** The driver's own choice of library for this OS and architecture, extracted under {@code dir}. */
  private static Optional<Path> sqliteLibrary(Path dir) throws IOException {
    String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
        + System.mapLibraryName("sqlitejdbc");
    try (InputStream in = OSInfo.class.getResourceAsStream(resource)) {
      if (in == null) return Optional.empty();
      Files.createDirectories(dir);
      Path lib = dir.resolve(System.mapLibraryName("sqlitejdbc"));
      Path tmp = dir.resolve(lib.getFileName() + ".tmp");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(lib);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
