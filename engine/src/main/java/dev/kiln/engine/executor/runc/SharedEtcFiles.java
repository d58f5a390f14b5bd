package dev.kiln.engine.executor.runc;

import dev.kiln.engine.fs.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generated /etc files ({@code hosts}, {@code resolv.conf}) shared by every run that needs the
 * same content, as BuildKit shares its own: written once instead of into each bundle (two files
 * written, made world-readable and removed per RUN step). They are mounted read-only; a file is
 * never changed once written (other content gets another file). At most {@link #MAX_FILES} are
 * kept; beyond that the caller writes its own. Removed by {@link #clear}, when no run uses them.
 * Thread-safe.
 */
final class SharedEtcFiles {
  static final int MAX_FILES = 64;

  private final Path dir;
  private final Map<String, Path> files = new ConcurrentHashMap<>();
  private final AtomicInteger names = new AtomicInteger();

  SharedEtcFiles(Path dir) {
    this.dir = dir;
  }

  /** The shared file with {@code content}, written if new; empty when too many are kept. */
  Optional<Path> file(String name, String content) throws IOException {
    Path known = files.get(name + '\0' + content);
    if (known != null) return Optional.of(known);
    if (files.size() >= MAX_FILES) return Optional.empty();
    try {
      return Optional.of(files.computeIfAbsent(name + '\0' + content, _ -> write(name, content)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Path write(String name, String content) {
    try {
      if (!Files.isDirectory(dir)) Files.createDirectories(dir);
      Path file = dir.resolve(name + "-" + names.incrementAndGet());
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.writeString(tmp, content);
      Files.setAttribute(tmp, "unix:mode", 0644);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes every shared file, including those of a previous engine. Not during runs. */
  void clear() throws IOException {
    files.clear();
    Trees.deleteRecursively(dir);
  }
}
