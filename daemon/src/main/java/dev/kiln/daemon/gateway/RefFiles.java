package dev.kiln.daemon.gateway;

import com.google.protobuf.ByteString;
import dev.kiln.engine.fs.RootedResolver;
import dev.kiln.proto.fsutil.Stat;
import dev.kiln.session.fsutil.FileStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads inside a solved ref's tree for LLBBridge ReadFile/ReadDir/StatFile: paths resolve inside
 * the root (symlinks cannot escape it), as BuildKit's gateway does.
 */
final class RefFiles {
  /** BuildKit caps a ReadFile answer at the gRPC message size; so do we, below our own limit. */
  private static final long MAX_READ = 16L << 20;

  private RefFiles() {}

  /** @param length bytes to read, or 0 for the rest of the file */
  static ByteString read(Path root, String path, long offset, long length) throws IOException {
    Path file = RootedResolver.resolve(root, path);
    if (!Files.isRegularFile(file)) throw new IOException(path + ": not a regular file");
    long size = Files.size(file);
    long start = Math.min(Math.max(offset, 0), size);
    long count = Math.min(length > 0 ? length : size - start, Math.min(size - start, MAX_READ));
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(start);
      return ByteString.copyFrom(in.readNBytes((int) count));
    }
  }

  /** Entries of a directory, by name, those matching {@code pattern} (a glob on the name) when given. */
  static List<Stat> list(Path root, String dir, String pattern) throws IOException {
    Path directory = RootedResolver.resolve(root, dir);
    if (!Files.isDirectory(directory)) throw new IOException(dir + ": not a directory");
    PathMatcher matcher = pattern.isEmpty() ? p -> true : FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    List<Stat> entries = new ArrayList<>();
    try (Stream<Path> children = Files.list(directory)) {
      for (Path child : children.sorted().toList()) {
        if (matcher.matches(child.getFileName())) entries.add(FileStats.stat(child, child.getFileName().toString(), false));
      }
    }
    return entries;
  }

  static Stat stat(Path root, String path) throws IOException {
    Path file = RootedResolver.resolveNoFollow(root, path);
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new IOException(path + ": no such file or directory");
    return FileStats.stat(file, path, false);
  }
}
