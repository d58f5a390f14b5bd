package dev.kiln.cli.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.util.OSInfo;

/**
 * Run by the launcher once per build: writes the class path and JVM options the CLI and kilnd
 * start with, shaped for start-up time.
 *
 * <ul>
 *   <li>Jars the JVM starts slowly from are replaced by launch copies ({@link LaunchJars}): signed
 *       jars (verified on first use, tens of milliseconds, and kept out of the AOT cache) and jars
 *       of pre-Java 6 class files (which the AOT cache cannot link). A jar that cannot be copied is
 *       used as it is. The build and the tests use the originals.
 *   <li>SQLite's native library is extracted once, so the driver loads it from there instead of
 *       unpacking and comparing 1 MB from its jar on every start, and looks for stale copies
 *       of it in that directory rather than in all of {@code /tmp}.
 * </ul>
 *
 * <p>Usage: {@code LaunchPrep CLASSPATH_FILE OUT_DIR}; writes {@code OUT_DIR/classpath} and {@code
 * OUT_DIR/jvm-options} (one option a line).
 */
public final class LaunchPrep {
  private LaunchPrep() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: LaunchPrep CLASSPATH_FILE OUT_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    Path jars = Files.createDirectories(out.resolve("jars"));
    List<Path> original = new ArrayList<>();
    for (String entry : Files.readString(Path.of(args[0])).strip().split(":")) {
      if (!entry.isEmpty()) original.add(Path.of(entry));
    }
    URL[] urls = new URL[original.size()];
    for (int i = 0; i < urls.length; i++) urls[i] = original.get(i).toUri().toURL();
    List<String> classpath = new ArrayList<>();
    for (Path jar : original) {
      classpath.add(launchJar(jar, jars, urls).toString());
    }
    List<String> options = new ArrayList<>();
    sqliteLibrary(out.resolve("native")).ifPresent(lib -> {
      options.add("-Dorg.sqlite.lib.path=" + lib.getParent());
      options.add("-Dorg.sqlite.lib.name=" + lib.getFileName());
      // The driver's start lists its temp directory for stale copies of its library (java.io.tmpdir:
      // 40 ms of a start when /tmp holds a few thousand entries); this one holds only the library.
      options.add("-Dorg.sqlite.tmpdir=" + lib.getParent());
    });
    write(out.resolve("classpath"), String.join(":", classpath));
    write(out.resolve("jvm-options"), String.join("\n", options));
  }

  private static Path launchJar(Path jar, Path dir, URL[] classpath) {
    try {
      return LaunchJars.needsCopy(jar) ? LaunchJars.copy(jar, dir, classpath) : jar;
    } catch (IOException e) {
      System.err.println("kiln: using " + jar + " as it is: " + e.getMessage());
      return jar;
    }
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
